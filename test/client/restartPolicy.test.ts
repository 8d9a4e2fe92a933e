// The client's policy for a server that dies (client/src/client.ts RestartingErrorHandler): restart it and say
// so, at most 4 times in 3 minutes; the fifth stop in that window is not restarted and says why. The real-editor
// proof that a killed server comes back is scenario 7 of scripts/e2e/scenarios.mjs.
//
// client.ts and vscode-languageclient/node require 'vscode', which only the extension host provides: it is
// answered here by test/support/vscodeStub.cjs (as in the activation benchmark) that records the
// notifications, and the modules are required only once the stub is in place.
import assert from 'node:assert/strict';
import Module from 'node:module';
import { beforeEach, describe, mock, test } from 'node:test';
import type { LogOutputChannel } from 'vscode';
import type * as ClientModule from '../../client/src/client';
import type * as LanguageClientModule from 'vscode-languageclient/node';

const { stub } = require('../support/vscodeStub.cjs') as { stub(name: string): unknown };

/** What the handler showed: every window.show*Message call, and the answer the "user" gives to the next ones. */
const shown: { kind: string; message: string; items: string[] }[] = [];
let answer: string | undefined;
const show =
  (kind: string) =>
  (message: string, ...items: string[]) => {
    shown.push({ kind, message, items });
    return Promise.resolve(answer);
  };
const window = new Proxy(stub('vscode.window') as object, {
  get(t, prop, r) {
    if (prop === 'showWarningMessage') return show('warning');
    if (prop === 'showErrorMessage') return show('error');
    if (prop === 'showInformationMessage') return show('information');
    return Reflect.get(t, prop, r);
  },
});
const vscode = new Proxy(stub('vscode') as object, {
  get: (t, prop, r) => (prop === 'window' ? window : Reflect.get(t, prop, r)),
});

type Load = (request: string, parent: unknown, isMain: boolean) => unknown;
const M = Module as unknown as { _load: Load };
const load = M._load;
M._load = (request, parent, isMain) => (request === 'vscode' ? vscode : load(request, parent, isMain));
const { RestartingErrorHandler } = require('../../client/src/client') as typeof ClientModule;
const { CloseAction, ErrorAction } = require('vscode-languageclient/node') as typeof LanguageClientModule;
M._load = load;

const RESTARTED = 'The Harden server stopped unexpectedly and was restarted.';
const MAX_RESTARTS = 4;
const MINUTE = 60 * 1000;
const WINDOW = 3 * MINUTE;

/** An output channel that records what is written to it. */
function outputChannel() {
  const lines: { level: string; message: string }[] = [];
  let shows = 0;
  const log = (level: string) => (message: string) => void lines.push({ level, message });
  const channel = {
    warn: log('warn'),
    error: log('error'),
    info: log('info'),
    trace: log('trace'),
    debug: log('debug'),
    show: () => void shows++,
  };
  return { channel: channel as unknown as LogOutputChannel, lines, shows: () => shows };
}

describe('RestartingErrorHandler (client restart policy)', () => {
  let now = 0;
  beforeEach(() => {
    shown.length = 0;
    answer = undefined;
    now = 1_700_000_000_000;
    mock.restoreAll();
    mock.method(Date, 'now', () => now);
  });

  /** One server stop at the current (mocked) time: the handler's answer, and what it showed or logged for it. */
  async function stop(handler: InstanceType<typeof RestartingErrorHandler>, out: ReturnType<typeof outputChannel>) {
    const shownBefore = shown.length;
    const loggedBefore = out.lines.length;
    const result = await handler.closed();
    return { result, shown: shown.slice(shownBefore), logged: out.lines.slice(loggedBefore) };
  }

  test(`restarts with a warning ${MAX_RESTARTS} times, then does not restart and says why`, async () => {
    const out = outputChannel();
    const handler = new RestartingErrorHandler(out.channel);
    for (let i = 1; i <= MAX_RESTARTS; i++) {
      const r = await stop(handler, out);
      assert.deepEqual(
        r.result,
        { action: CloseAction.Restart, handled: true },
        `stop ${i} restarts the server, and the handler reports it itself`,
      );
      assert.deepEqual(
        r.shown,
        [{ kind: 'warning', message: RESTARTED, items: ['Show Output'] }],
        `stop ${i}: one warning notification`,
      );
      assert.equal(r.logged.length, 1, `stop ${i}: one line in the output`);
      assert.equal(r.logged[0].level, 'warn');
      assert.match(r.logged[0].message, /stopped unexpectedly/);
      now += 10 * 1000;
    }
    const last = await stop(handler, out);
    assert.equal(
      last.result.action,
      CloseAction.DoNotRestart,
      `stop ${MAX_RESTARTS + 1} within 3 minutes is not restarted`,
    );
    assert.match(last.result.message ?? '', /will not be restarted/);
    assert.match(last.result.message ?? '', new RegExp(`stopped ${MAX_RESTARTS + 1} times in 3 minutes`));
    assert.match(last.result.message ?? '', /Harden: Restart Server/, 'the message says how to start it again');
    assert.notEqual(last.result.handled, true, 'the language client shows the message (handled is not set)');
    assert.deepEqual(last.shown, [], 'no "was restarted" notification when it was not');

    now += 10 * 1000;
    const again = await stop(handler, out);
    assert.equal(again.result.action, CloseAction.DoNotRestart, 'a further stop in the window is not restarted either');
  });

  test('stops longer ago than the window do not count', async () => {
    const out = outputChannel();
    const handler = new RestartingErrorHandler(out.channel);
    const start = now;
    for (let i = 0; i < MAX_RESTARTS; i++) {
      assert.equal((await stop(handler, out)).result.action, CloseAction.Restart);
      now += 1000;
    }
    // The first stop is exactly one window old: it no longer counts, so this is the 4th in the window.
    now = start + WINDOW;
    assert.equal(
      (await stop(handler, out)).result.action,
      CloseAction.Restart,
      'the stop of 3 minutes ago has left the window',
    );
    // Now the 2nd..5th stops are within 3 minutes of this one: 5 in the window.
    now += 500;
    const r = await stop(handler, out);
    assert.equal(r.result.action, CloseAction.DoNotRestart);
    assert.match(r.result.message ?? '', /stopped 5 times in 3 minutes and will not be restarted/);
  });

  test('a server that keeps dying, but less often than 5 times in 3 minutes, is always restarted', async () => {
    const out = outputChannel();
    const handler = new RestartingErrorHandler(out.channel);
    for (let i = 0; i < 20; i++) {
      const r = await stop(handler, out);
      assert.equal(r.result.action, CloseAction.Restart, `stop ${i + 1} (one every 50 s) restarts`);
      assert.equal(r.shown.length, 1);
      now += 50 * 1000;
    }
    assert.equal(shown.filter((s) => s.message === RESTARTED).length, 20);
  });

  test('"Show Output" on the notification shows the output channel', async () => {
    const out = outputChannel();
    const handler = new RestartingErrorHandler(out.channel);
    answer = 'Show Output';
    await stop(handler, out);
    // The handler does not wait for the user's choice; let the notification's promise settle.
    await new Promise((r) => setImmediate(r));
    assert.equal(out.shows(), 1);

    answer = undefined;
    now += MINUTE;
    await stop(handler, out);
    await new Promise((r) => setImmediate(r));
    assert.equal(out.shows(), 1, 'dismissing the notification shows nothing');
  });

  test('connection errors: continue for the first 3, then shut down', () => {
    const handler = new RestartingErrorHandler(outputChannel().channel);
    const err = new Error('write EPIPE');
    for (const count of [1, 2, 3]) assert.equal(handler.error(err, undefined, count).action, ErrorAction.Continue);
    assert.equal(handler.error(err, undefined, 4).action, ErrorAction.Shutdown);
    assert.equal(handler.error(err, undefined, undefined).action, ErrorAction.Shutdown);
  });
});
