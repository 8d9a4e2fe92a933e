// A thin driver for the VS Code workbench in the browser: it does what a user does (keyboard first: a mouse
// click can be swallowed by an overlay) and reads what a user sees (squiggles, hovers, the Problems panel,
// the quick-fix menu, the text on screen). Every wait is for an element or a state, never a fixed time.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { waitUntil } from './harness.mjs';

export const SQUIGGLE = ['error', 'warning', 'info', 'hint'].map((s) => `.squiggly-${s}`).join(', ');

/** 1-based line and column of `token` on the first line of `text` that starts with `linePrefix`. */
export function locate(text, linePrefix, token) {
  const lines = text.split('\n');
  const i = lines.findIndex((l) => l.startsWith(linePrefix));
  if (i < 0) throw new Error(`no line starting with ${JSON.stringify(linePrefix)}`);
  const c = lines[i].indexOf(token);
  if (c < 0) throw new Error(`${JSON.stringify(token)} is not on line ${i + 1}: ${lines[i]}`);
  return { line: i + 1, column: c + 1, length: token.length };
}

export class Workbench {
  /** @param {import('playwright-core').Page} page */
  constructor(page, session) {
    this.page = page;
    this.session = session;
  }

  /** Opens the session's workspace and waits for the workbench. Returns the time the load started. */
  async load() {
    const started = performance.now();
    await this.page.goto(this.session.url);
    await this.page.waitForSelector('.monaco-workbench .part.editor', { timeout: 60_000 });
    await this.page.waitForSelector('.part.statusbar', { timeout: 60_000 });
    // A marker that only survives as long as the page is not reloaded.
    await this.page.evaluate(() => (window.__hardenE2eNotReloaded = true));
    return started;
  }

  async notReloaded() {
    return this.page.evaluate(() => window.__hardenE2eNotReloaded === true);
  }

  path(rel) {
    return join(this.session.workspace, rel);
  }

  disk(rel) {
    return readFileSync(this.path(rel), 'utf8');
  }

  /** CSS selector of the (visible) editor showing `rel`. */
  editorSel(rel) {
    return `.editor-instance .monaco-editor[data-uri$="${this.path(rel)}"]`;
  }

  /** Opens a quick input with `key` (Ctrl+P, Ctrl+G, F1...), pressing again if the first press got lost. */
  async quickInput(key) {
    const input = '.quick-input-widget input';
    await waitUntil(
      `the quick input to open with ${key}`,
      async () => {
        if (await this.page.isVisible(input)) return true;
        await this.page.keyboard.press(key);
        return this.page.waitForSelector(input, { state: 'visible', timeout: 2_000 }).then(
          () => true,
          () => false,
        );
      },
      { timeout: 20_000 },
    );
  }

  /**
   * Ctrl+P, the file's absolute path, Enter; waits for its editor. The list is read only once it has
   * settled on that one file (while typing, it still shows the recently opened ones), and the whole step is
   * tried again if the editor does not come.
   */
  async openFile(rel) {
    const base = rel.split('/').pop();
    const rows = '.quick-input-list .monaco-list-row';
    await waitUntil(
      `${rel} open in an editor`,
      async () => {
        if (await this.page.isVisible('.quick-input-widget input')) await this.page.keyboard.press('Escape');
        await this.quickInput('Control+P');
        await this.page.keyboard.type(this.path(rel));
        await waitUntil(
          `quick open to list only ${rel}`,
          async () => {
            const labels = await this.page.$$eval(rows, (els) =>
              els.map((e) => `${e.classList.contains('focused') ? '*' : ''}${e.getAttribute('aria-label')}`),
            );
            return labels.length === 1 && labels[0].startsWith(`*${base}`) && !labels[0].includes('recently opened');
          },
          { timeout: 15_000 },
        );
        await this.page.keyboard.press('Enter');
        return this.page
          .waitForSelector(`${this.editorSel(rel)} .view-lines .view-line`, { timeout: 30_000 })
          .then(() => true);
      },
      { timeout: 120_000, interval: 200 },
    );
  }

  async focusEditor() {
    await this.page.keyboard.press('Control+1');
  }

  /** Ctrl+G line:column, then waits for the status bar to show the cursor there. */
  async goTo(line, column) {
    await this.focusEditor();
    await this.quickInput('Control+G');
    await this.page.keyboard.type(`${line}:${column}`);
    await this.page.keyboard.press('Enter');
    await this.page.waitForSelector('.quick-input-widget input', { state: 'hidden', timeout: 10_000 });
    await waitUntil(
      `the cursor at Ln ${line}, Col ${column}`,
      async () => (await this.page.innerText('.part.statusbar')).includes(`Ln ${line}, Col ${column}`),
      { timeout: 10_000 },
    );
  }

  /** The lines the editor shows (all of them for a file that fits on the screen). */
  async screenLines(rel) {
    return this.page.$eval(this.editorSel(rel), (ed) =>
      [...ed.querySelectorAll('.view-lines .view-line')]
        .map((l) => ({ top: parseFloat(l.style.top), text: l.textContent.replace(/\u00a0/g, ' ') }))
        .sort((a, b) => a.top - b.top)
        .map((l) => l.text),
    );
  }

  /** Screen rectangle of the characters [column, column+length) of 1-based `line`, from the rendered text. */
  async tokenRect(rel, { line, column, length }) {
    return this.page.$eval(
      this.editorSel(rel),
      (ed, { line, column, length }) => {
        const num = [...ed.querySelectorAll('.margin-view-overlays .line-numbers')].find(
          (n) => n.textContent.trim() === String(line),
        );
        if (!num) return null;
        const top = parseFloat(num.parentElement.style.top);
        const viewLine = [...ed.querySelectorAll('.view-lines .view-line')].find(
          (l) => parseFloat(l.style.top) === top,
        );
        if (!viewLine) return null;
        const walker = document.createTreeWalker(viewLine, NodeFilter.SHOW_TEXT);
        const range = document.createRange();
        let offset = 0;
        let startSet = false;
        const start = column - 1;
        const end = start + length;
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const len = n.textContent.length;
          if (!startSet && start < offset + len) {
            range.setStart(n, start - offset);
            startSet = true;
          }
          if (startSet && end <= offset + len) {
            range.setEnd(n, end - offset);
            const r = range.getBoundingClientRect();
            return { left: r.left, right: r.right, top: r.top, bottom: r.bottom };
          }
          offset += len;
        }
        return null;
      },
      { line, column, length },
    );
  }

  /** Squiggles in the editor of `rel`: their screen rectangles and severities. */
  async squiggles(rel) {
    return this.page.$$eval(`${this.editorSel(rel)} .view-overlays :is(${SQUIGGLE})`, (els) =>
      els.map((e) => {
        const r = e.getBoundingClientRect();
        return {
          severity: /squiggly-(\w+)/.exec(e.className)[1],
          left: r.left,
          right: r.right,
          top: r.top,
          bottom: r.bottom,
        };
      }),
    );
  }

  /**
   * The squiggles that cover exactly the token at `loc` (several findings can share a token): { rendered:
   * false, list: [] } while the line is not on the screen, else { rendered: true, list: [{ severity }...] }.
   */
  async squigglesOn(rel, loc) {
    const rect = await this.tokenRect(rel, loc);
    if (!rect) return { rendered: false, list: [] };
    const near = (a, b) => Math.abs(a - b) <= 1.5;
    const list = (await this.squiggles(rel)).filter(
      (s) => near(s.left, rect.left) && near(s.right, rect.right) && s.top < rect.bottom && s.bottom > rect.top,
    );
    return { rendered: true, list };
  }

  /**
   * Scrolls the token into view (Ctrl+G puts the cursor on it), then waits until the squiggles exactly on it
   * satisfy `pred` (default: there is one). Returns them.
   */
  async waitForSquigglesOn(rel, loc, { timeout = 30_000, pred = (list) => list.length > 0, what = 'a squiggle' } = {}) {
    await this.goTo(loc.line, loc.column);
    let last = [];
    try {
      return await waitUntil(
        `${what} on ${rel}:${loc.line}:${loc.column} (${loc.length} characters)`,
        async () => {
          const { rendered, list } = await this.squigglesOn(rel, loc);
          last = list.map((x) => x.severity);
          return rendered && pred(list) ? list : false;
        },
        { timeout },
      );
    } catch (err) {
      err.message += `; squiggles there now: ${JSON.stringify(last)}`;
      throw err;
    }
  }

  /** Moves the mouse onto the token and returns the hover's text and links once one shows `expect`. */
  async hover(rel, loc, expect) {
    await this.page.mouse.move(1, 1);
    await this.page.waitForSelector('.monaco-hover:not(.hidden)', { state: 'hidden', timeout: 5_000 }).catch(() => {});
    const r = await this.tokenRect(rel, loc);
    await this.page.mouse.move((r.left + r.right) / 2, (r.top + r.bottom) / 2);
    return waitUntil(
      `a hover that mentions ${expect}`,
      async () => {
        const hovers = await this.page.$$eval('.monaco-hover:not(.hidden)', (els) =>
          els.map((h) => ({
            text: h.innerText,
            links: [...h.querySelectorAll('a[href], a[data-href]')].map((a) => ({
              text: a.innerText,
              href: a.getAttribute('href') || a.getAttribute('data-href'),
            })),
          })),
        );
        return hovers.find((h) => h.text.includes(expect));
      },
      { timeout: 10_000 },
    );
  }

  /** Shows the Problems panel (Ctrl+Shift+M) unless it is already visible. */
  async showProblems() {
    await waitUntil(
      'the Problems panel',
      async () => {
        if (await this.page.isVisible('.markers-panel')) return true;
        await this.page.keyboard.press('Control+Shift+M');
        return this.page.waitForSelector('.markers-panel', { state: 'visible', timeout: 2_000 }).then(
          () => true,
          () => false,
        );
      },
      { timeout: 15_000 },
    );
  }

  /** Rows of the Problems panel: { file, message, source, code, label ('harden(no-root-user)'), href, where }. */
  async problems() {
    await this.showProblems();
    return this.page.$$eval('.markers-panel .monaco-list-row', (rows) => {
      const out = [];
      let file = '';
      for (const row of rows) {
        const fileLabel = row.querySelector('.resource-label-container .monaco-icon-label');
        if (fileLabel) {
          file = fileLabel.getAttribute('aria-label') || fileLabel.textContent;
          continue;
        }
        const text = (sel) => row.querySelector(sel)?.textContent.trim() ?? '';
        const source = text('.marker-source');
        const code = text('.marker-code');
        out.push({
          file,
          message: text('.marker-message'),
          source,
          code,
          label: code ? `${source}(${code})` : source,
          href: row.querySelector('.marker-code')?.closest('a')?.getAttribute('href') ?? null,
          where: text('.marker-line'),
        });
      }
      return out;
    });
  }

  /** Waits until the Problems panel rows satisfy `pred`; returns them. */
  async waitForProblems(what, pred, timeout = 30_000) {
    let rows = [];
    try {
      return await waitUntil(
        what,
        async () => {
          rows = await this.problems();
          return pred(rows) ? rows : false;
        },
        { timeout },
      );
    } catch (err) {
      err.message += `\nProblems panel rows: ${JSON.stringify(rows, null, 1)}`;
      throw err;
    }
  }

  /**
   * Puts the cursor on `loc`, presses Ctrl+., and chooses the first entry whose title matches `choose` with
   * the arrow keys and Enter. Returns every title the menu listed and the one chosen.
   */
  async quickFix(loc, choose) {
    await this.goTo(loc.line, loc.column);
    const menu = '.action-widget .monaco-list-row.action';
    await waitUntil(
      'the quick-fix menu (Ctrl+.)',
      async () => {
        if (await this.page.isVisible(menu)) return true;
        await this.page.keyboard.press('Control+.');
        return this.page.waitForSelector(menu, { state: 'visible', timeout: 5_000 }).then(
          () => true,
          () => false,
        );
      },
      { timeout: 30_000 },
    );
    const titles = await this.page.$$eval(menu, (els) => els.map((e) => e.innerText.trim()));
    if (!titles.some((t) => choose.test(t))) {
      await this.page.keyboard.press('Escape');
      throw new Error(`no quick fix matching ${choose} in: ${JSON.stringify(titles)}`);
    }
    for (let i = 0; i <= titles.length * 2; i++) {
      const focused = await this.page.$$eval(`${menu}.focused`, (els) => els.map((e) => e.innerText.trim())[0] ?? null);
      if (focused !== null && choose.test(focused)) {
        await this.page.keyboard.press('Enter');
        await this.page.waitForSelector(menu, { state: 'hidden', timeout: 10_000 });
        return { titles, chosen: focused };
      }
      await this.page.keyboard.press('ArrowDown');
    }
    throw new Error(`could not move the quick-fix focus to ${choose} in ${JSON.stringify(titles)}`);
  }

  /** The messages of the notifications on screen (the toasts, and the notification center when it is open). */
  async notifications() {
    return this.page.$$eval(
      ':is(.notifications-toasts, .notifications-center) .notification-list-item-message',
      (els) => els.map((e) => e.innerText.replace(/\s+/g, ' ').trim()),
    );
  }

  /** Ctrl+S in the editor, then waits until the file on disk satisfies `pred`. */
  async save(rel, pred, what = 'the file to be saved') {
    await this.focusEditor();
    await this.page.keyboard.press('Control+S');
    await waitUntil(`${what} (${rel} on disk)`, () => pred(this.disk(rel)), { timeout: 20_000 });
    await this.page.waitForSelector('.tab.active:not(.dirty)', { timeout: 10_000 });
  }

  /**
   * Waits until the workbench has created its contributions of lifecycle phase `phase` (3 = Restored: among them the
   * save participants), which it does in idle time after load. VS Code marks each phase's end on the performance
   * timeline.
   */
  async waitForWorkbenchContributions(phase, { timeout = 90_000 } = {}) {
    const mark = `code/didCreateWorkbenchContributions/${phase}`;
    await waitUntil(
      `the workbench contributions of phase ${phase} (${mark})`,
      () => this.page.evaluate((m) => performance.getEntriesByName(m).length > 0, mark),
      { timeout, interval: 250 },
    );
  }

  async screenshot(file) {
    await this.page.screenshot({ path: file });
  }
}
