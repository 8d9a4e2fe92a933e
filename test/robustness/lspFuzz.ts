// Mutation fuzzing through the language server's change path: the real server (dist/server.js) over JSON-RPC,
// two open documents (a Dockerfile and a manifest) edited in bursts, each edit followed by a pull that the next
// edit cancels, as VS Code does while typing. Shared by test/robustness/lspFuzz.test.ts and scripts/fuzz.ts.
import { CancellationTokenSource } from 'vscode-jsonrpc/node';
import type { Diagnostic, DocumentDiagnosticReport } from 'vscode-languageserver-protocol';
import { defaultSettings } from '../../server/src/engine/base/config';
import { lint } from '../../server/src/engine/runner/runner';
import type { Finding } from '../../server/src/engine/base/types';
import { Workspace } from '../../server/src/engine/facts/workspace';
import { minimalEdit } from '../../server/src/lsp/convert';
import { pathUri, PULL_CAPABILITIES, TestClient } from '../lsp/support/lspClient';
import { mutate } from './mutate';
import { budgetMs } from './properties';

export interface Seed {
  kind: 'dockerfile' | 'yaml';
  text: string;
}

export interface LspProblem {
  what: string;
  kind: Seed['kind'];
  /** The text the server held when the problem showed. */
  text: string;
  /** The texts of the burst, in order (the first is the text before it): enough to replay it. */
  history: string[];
}

export interface LspFuzzResult {
  /** Edits sent (each with a pull). */
  edits: number;
  /** Bursts checked against a fresh lint of their final text. */
  bursts: number;
  /** Diagnostics compared in all. */
  compared: number;
  problems: LspProblem[];
  slowest: { ms: number; chars: number; kind: Seed['kind'] };
}

const DOCS = {
  dockerfile: { uri: pathUri('/harden-fuzz/lsp/Dockerfile'), languageId: 'dockerfile' },
  yaml: { uri: pathUri('/harden-fuzz/lsp/manifest.yaml'), languageId: 'yaml' },
} as const;

/** What the server must answer for `text`: a fresh lint (default settings; the manifest is the only one it knows). */
export function expectedDiagnostics(kind: Seed['kind'], text: string): string[] {
  const { uri, languageId } = DOCS[kind];
  return describe(lint({ uri, text, languageId }, defaultSettings(), { workspace: new Workspace() }).findings);
}

function describe(xs: readonly (Finding | Diagnostic)[]): string[] {
  const severity: Record<string, number> = { error: 1, warning: 2, info: 3, hint: 4 };
  return xs.map((x) =>
    'ruleId' in x
      ? `${x.ruleId} ${severity[x.severity]} ${JSON.stringify(x.range)} ${x.message}`
      : `${x.code} ${x.severity} ${JSON.stringify(x.range)} ${x.message}`,
  );
}

/**
 * Runs `bursts` bursts of `burst` mutated edits each against one server. Stops early when `deadline` (ms since
 * epoch) passes. A problem is anything but an answer equal to a fresh lint, in time, from a live server.
 */
export async function fuzzServer(
  seeds: readonly Seed[],
  r: () => number,
  options: { bursts: number; burst: number; deadline?: number },
): Promise<LspFuzzResult> {
  const { client } = await TestClient.start({ capabilities: PULL_CAPABILITIES });
  const result: LspFuzzResult = {
    edits: 0,
    bursts: 0,
    compared: 0,
    problems: [],
    slowest: { ms: 0, chars: 0, kind: 'yaml' },
  };
  const logsSeen = () => client.logs.filter((l) => /failed|uncaught|unhandled/i.test(l)).length;
  let logged = 0;
  try {
    for (const kind of ['dockerfile', 'yaml'] as const) await client.open(DOCS[kind].uri, DOCS[kind].languageId, '');
    for (let b = 0; b < options.bursts && (!options.deadline || Date.now() < options.deadline); b++) {
      const pool = seeds.filter((s) => s.kind === (r() < 0.5 ? 'dockerfile' : 'yaml'));
      const seed = pool.length ? pool[Math.floor(r() * pool.length)] : seeds[Math.floor(r() * seeds.length)];
      const { uri } = DOCS[seed.kind];
      let text = seed.text;
      const history = [client.documents.get(uri)!.getText()];
      let pending: { source: CancellationTokenSource; answer: Promise<DocumentDiagnosticReport | Error> } | undefined;
      let started = 0;
      for (let k = 0; k <= options.burst; k++) {
        const next = k === 0 ? text : mutate(text, r, 1 + Math.floor(r() * 3));
        const doc = client.documents.get(uri)!;
        const edit = minimalEdit(doc.getText(), next, (o) => doc.positionAt(o));
        text = edit ? await client.edit(uri, [edit]) : doc.getText();
        history.push(text);
        result.edits++;
        pending?.source.cancel();
        const source = new CancellationTokenSource();
        started = Date.now();
        pending = {
          source,
          answer: client.connection
            .sendRequest<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri } }, source.token)
            .catch((e: Error) => e),
        };
      }
      const timeout = Math.max(10_000, 2 * budgetMs(text));
      const answer = await Promise.race([
        pending!.answer,
        new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), timeout).unref()),
      ]);
      const ms = Date.now() - started;
      if (ms > result.slowest.ms) result.slowest = { ms, chars: text.length, kind: seed.kind };
      const problem = (what: string) => result.problems.push({ what, kind: seed.kind, text, history });
      if (answer === 'timeout') {
        problem(`no answer within ${timeout} ms`);
        break;
      }
      if (!client.alive) {
        problem(`the server died: ${client.stderrText.slice(-2000)}`);
        break;
      }
      if (answer instanceof Error || answer.kind !== 'full')
        problem(`the last pull answered ${answer instanceof Error ? answer.message : answer.kind}`);
      else {
        const got = describe(answer.items);
        const want = expectedDiagnostics(seed.kind, text);
        result.compared += want.length;
        if (JSON.stringify(got) !== JSON.stringify(want))
          problem(
            `diagnostics differ from a fresh lint:\n  server: ${JSON.stringify(got).slice(0, 1500)}\n  fresh:  ${JSON.stringify(want).slice(0, 1500)}`,
          );
      }
      if (logsSeen() > logged) {
        problem(
          `the server logged: ${client.logs
            .filter((l) => /failed|uncaught|unhandled/i.test(l))
            .slice(logged)
            .join('\n')
            .slice(0, 2000)}`,
        );
        logged = logsSeen();
      }
      result.bursts++;
    }
  } finally {
    if (client.alive) await client.stop();
    else client.connection.dispose();
  }
  if (/uncaught|unhandled/i.test(client.stderrText))
    result.problems.push({ what: `stderr: ${client.stderrText.slice(-2000)}`, kind: 'yaml', text: '', history: [] });
  return result;
}

/**
 * Replays a burst a fuzzing run saved (`*.burst.json` beside a regression fixture): the texts in order, each
 * pulled and cancelled by the next, on a fresh server. Returns what went wrong, or undefined.
 */
export async function replayBurst(kind: Seed['kind'], texts: readonly string[]): Promise<string | undefined> {
  const { client } = await TestClient.start({ capabilities: PULL_CAPABILITIES });
  try {
    const { uri, languageId } = DOCS[kind];
    await client.open(uri, languageId, '');
    let pending: { source: CancellationTokenSource; answer: Promise<DocumentDiagnosticReport | Error> } | undefined;
    let text = '';
    for (const next of texts) {
      const doc = client.documents.get(uri)!;
      const edit = minimalEdit(doc.getText(), next, (o) => doc.positionAt(o));
      text = edit ? await client.edit(uri, [edit]) : doc.getText();
      pending?.source.cancel();
      const source = new CancellationTokenSource();
      pending = {
        source,
        answer: client.connection
          .sendRequest<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri } }, source.token)
          .catch((e: Error) => e),
      };
    }
    const answer = await pending!.answer;
    if (answer instanceof Error || answer.kind !== 'full')
      return `the last pull answered ${answer instanceof Error ? answer.message : answer.kind}`;
    const got = describe(answer.items);
    const want = expectedDiagnostics(kind, text);
    if (JSON.stringify(got) !== JSON.stringify(want))
      return `diagnostics differ from a fresh lint:\n  server: ${JSON.stringify(got)}\n  fresh:  ${JSON.stringify(want)}`;
    const logged = client.logs.filter((l) => /failed|uncaught|unhandled/i.test(l));
    return logged.length ? `the server logged: ${logged.join('\n')}` : undefined;
  } finally {
    await client.stop();
  }
}
