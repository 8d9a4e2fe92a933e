// Items 2, 4, 5 and 6: the language server's own change path, JSON-RPC round trips and memory of the bundled
// server, and the VSIX and client activation. Loaded by index.ts.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-jsonrpc/node';
import type { Connection } from 'vscode-languageserver/node';
import type { DocumentDiagnosticReport, InitializeResult } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseAllDocuments } from 'yaml';
import { clientFeatures, type Documents, type Logger } from '../../server/src/lsp/context';
import { ConfigFiles } from '../../server/src/lsp/configFiles';
import { CrossFile } from '../../server/src/lsp/crossFile';
import { Diagnostics } from '../../server/src/lsp/diagnostics';
import { Linter } from '../../server/src/lsp/linter';
import { SettingsStore } from '../../server/src/lsp/settings';
import { PULL_CAPABILITIES } from '../../test/lsp/support/lspClient';
import { corpusFiles, sharedPath } from '../../test/support/shared';
import { ARGO_INSTALL, generatedManifest, ms, oneCharEdit } from './engine';
import { infoRow, middle, percentile, row, timed, type Row } from './measure';

const ROOT = join(__dirname, '..', '..');

export async function lspRows(): Promise<Row[]> {
  const dir = mkdtempSync(join(tmpdir(), 'harden-bench-'));
  try {
    const { server, client } = await buildBundles(dir);
    return [
      ...(await serverChangePathRows()),
      ...(await roundTripRows(server)),
      ...(await memoryRows(server)),
      ...vsixRows(dir),
      ...(await activationRows(client)),
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The server and client bundled from the current sources with the options of `npm run build` (esbuild.mjs,
 * --production), into a temporary folder: what ships, without touching dist/ (other work may be using it).
 */
async function buildBundles(dir: string): Promise<{ server: string; client: string }> {
  const esbuild = await import('esbuild');
  const common = {
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    minify: true,
    sourcemap: false,
    legalComments: 'none',
    logLevel: 'warning',
  } as const;
  const server = join(dir, 'server.js');
  const client = join(dir, 'client.js');
  await esbuild.build({ ...common, entryPoints: [join(ROOT, 'server/src/lsp/main.ts')], outfile: server });
  await esbuild.build({
    ...common,
    entryPoints: [join(ROOT, 'client/src/extension.ts')],
    outfile: client,
    external: ['vscode'],
  });
  return { server, client };
}

// ---------------------------------------------------------------------------------------------------------------
// Item 2: one-character edit through the server's own change path, in process.

/**
 * The server's modules wired as server.ts wires them (Linter, Diagnostics, SettingsStore, CrossFile), with the
 * document store updated as vscode-languageserver's TextDocuments does for an incremental didChange, then the
 * pull-diagnostics answer (`Diagnostics.report`: lint, cache, conversion to LSP diagnostics). No JSON-RPC: the
 * serialisation of ~1700 diagnostics costs as much as the change itself, and item 4 measures it over a real pipe.
 */
function inProcessServer() {
  const docs = new Map<string, TextDocument>();
  const documents = {
    get: (u: string) => docs.get(u),
    all: () => [...docs.values()],
    keys: () => [...docs.keys()],
  } as unknown as Documents;
  const log: Logger = { info: () => undefined, warn: () => undefined, error: (m, e) => console.error(m, e) };
  // A pull client without workspace/configuration: settings are the pushed ones ({}), nothing goes over the wire.
  const features = clientFeatures({ textDocument: { diagnostic: { dynamicRegistration: false } } });
  const connection = {
    console: log,
    languages: { diagnostics: { refresh: async () => undefined } },
    sendDiagnostics: async () => undefined,
  } as unknown as Connection;
  const settings = new SettingsStore(connection, features, new ConfigFiles(() => undefined, log), log);
  const crossFile = new CrossFile();
  const linter = new Linter(documents, settings, crossFile, log, () => undefined);
  const diagnostics = new Diagnostics(connection, features, documents, linter, settings, log);
  return {
    docs,
    diagnostics,
    /** What server.ts does on didOpen, then the client's pull. */
    async open(uri: string, languageId: string, text: string) {
      docs.set(uri, TextDocument.create(uri, languageId, 1, text));
      crossFile.opened(uri);
      diagnostics.opened(uri, 1);
      return diagnostics.report(uri, undefined, () => false);
    },
    /** What server.ts's `closed` does. */
    async close(uri: string) {
      docs.delete(uri);
      diagnostics.closed(uri);
      linter.release(uri);
      settings.release(uri);
      await crossFile.closed(uri, 5 * 1024 * 1024);
    },
  };
}

async function serverChangePathRows(): Promise<Row[]> {
  const uri = 'file:///bench/generated.yaml';
  const server = inProcessServer();
  const { docs, diagnostics } = server;
  const first = await server.open(uri, 'yaml', generatedManifest(10_000));
  let doc = docs.get(uri)!;
  let resultId = first.kind === 'full' ? first.resultId : undefined;
  const { line, character } = oneCharEdit(doc.getText(), 0);

  const edit = async (i: number) => {
    // TextDocuments' incremental update, then the onDidChangeContent handler and the client's pull.
    doc = TextDocument.update(
      doc,
      [{ range: { start: { line, character }, end: { line, character } }, text: String.fromCharCode(97 + (i % 26)) }],
      doc.version + 1,
    );
    docs.set(uri, doc);
    diagnostics.changed(uri);
    const r = await diagnostics.report(uri, resultId, () => false);
    if (r.kind !== 'full') throw new Error('an edit must give a full report');
    resultId = r.resultId;
    return r.items.length;
  };
  // compare() is synchronous: the change path has no real await (settings and lint are resolved in the same tick
  // after the first lint), so each edit is timed as its own awaited call here, interleaved with the parse.
  const base: number[] = [];
  const ours: number[] = [];
  for (let i = 0; i < 5 + 25; i++) {
    const b = timed(() => void parseAllDocuments(doc.getText()));
    const c0 = process.cpuUsage();
    await edit(i);
    const u = process.cpuUsage(c0);
    if (i >= 5) {
      base.push(b.cpu);
      ours.push((u.user + u.system) / 1000);
    }
  }
  const ratio = middle(ours) / middle(base);
  return [
    row(
      '2. one-char edit, server change path (in process) / full parse (10k lines)',
      ratio,
      '×',
      0.05,
      `${ms(middle(ours))} vs ${ms(middle(base))} CPU; didChange update + pull report of ${(first.kind === 'full' ? first.items : []).length} diagnostics`,
    ),
  ];
}

// ---------------------------------------------------------------------------------------------------------------
// A minimal LSP client over stdio for the bundled server.

class Client {
  private constructor(
    readonly connection: MessageConnection,
    readonly proc: ChildProcess,
  ) {}

  static async start(server: string): Promise<Client> {
    const proc = spawn(process.execPath, [server, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    proc.stderr!.resume();
    const connection = createMessageConnection(
      new StreamMessageReader(proc.stdout!),
      new StreamMessageWriter(proc.stdin!),
    );
    connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({})));
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('workspace/diagnostic/refresh', () => null);
    connection.onNotification('window/logMessage', () => undefined);
    connection.listen();
    await connection.sendRequest<InitializeResult>('initialize', {
      processId: process.pid,
      rootUri: null,
      workspaceFolders: null,
      capabilities: PULL_CAPABILITIES,
    });
    await connection.sendNotification('initialized', {});
    return new Client(connection, proc);
  }

  open(uri: string, languageId: string, text: string): Promise<void> {
    return this.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId, version: 1, text },
    });
  }

  pull(uri: string, previousResultId?: string): Promise<DocumentDiagnosticReport> {
    return this.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri }, previousResultId });
  }

  close(uri: string): Promise<void> {
    return this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  /** A request no handler answers (MethodNotFound): JSON-RPC framing and dispatch, no work. */
  async noop(): Promise<void> {
    await this.connection.sendRequest('harden/bench/noop').catch(() => undefined);
  }

  /** Resident set size of the server process, in MB (Linux /proc, else ps). */
  rss(): number {
    const pid = this.proc.pid!;
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (m) return Number(m[1]) / 1024;
    } catch {
      // not Linux
    }
    return Number(spawnSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' }).stdout.trim()) / 1024;
  }

  async stop(): Promise<void> {
    await this.connection.sendRequest('shutdown').catch(() => undefined);
    await this.connection.sendNotification('exit').catch(() => undefined);
    await new Promise((r) => (this.proc.exitCode !== null ? r(null) : this.proc.once('exit', r)));
    this.connection.dispose();
  }
}

const wallMs = async (fn: () => Promise<unknown>) => {
  const t = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
};

// ---------------------------------------------------------------------------------------------------------------
// Item 4: didChange → pull diagnostics over real JSON-RPC, against a no-op request round trip.

async function roundTripRows(server: string): Promise<Row[]> {
  const client = await Client.start(server);
  try {
    const uri = 'file:///bench/generated.yaml';
    let text = generatedManifest(10_000);
    await client.open(uri, 'yaml', text);
    const first = await client.pull(uri);
    let resultId = first.kind === 'full' ? first.resultId : undefined;
    const count = first.kind === 'full' ? first.items.length : 0;
    const { line, character } = oneCharEdit(text, 0);
    let version = 1;
    const change: number[] = [];
    const noop: number[] = [];
    for (let i = 0; i < 4 + 30; i++) {
      const n = await wallMs(() => client.noop());
      const c = await wallMs(async () => {
        const char = String.fromCharCode(97 + (i % 26));
        await client.connection.sendNotification('textDocument/didChange', {
          textDocument: { uri, version: ++version },
          contentChanges: [{ range: { start: { line, character }, end: { line, character } }, text: char }],
        });
        const r = await client.pull(uri, resultId);
        if (r.kind !== 'full') throw new Error('an edit must give a full report');
        resultId = r.resultId;
      });
      if (i >= 4) {
        noop.push(n);
        change.push(c);
      }
    }
    text = '';
    const med = middle(change);
    const detail = `median ${ms(med)}, p95 ${ms(percentile(change, 95))}; no-op request median ${ms(middle(noop))}, p95 ${ms(percentile(noop, 95))}; ${count} diagnostics per report (wall time)`;
    return [
      row('4. LSP didChange → pull diagnostics, median (10k lines, JSON-RPC)', med, 'ms', 50, detail),
      row(
        '4. LSP didChange → pull diagnostics, p95',
        percentile(change, 95),
        'ms',
        100,
        'a frame is 16 ms; typing pauses are 100+ ms',
      ),
      infoRow(
        '4. LSP round trip / no-op request round trip (medians)',
        med / middle(noop),
        '×',
        'most of the difference is serialising the full report',
      ),
    ];
  } finally {
    await client.stop();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Item 5: server RSS with argo-cd's install.yaml and 200 corpus files open, and after closing them all.

async function memoryRows(server: string): Promise<Row[]> {
  const argoPath = sharedPath(...ARGO_INSTALL);
  const corpus = [
    ...corpusFiles('kubernetes').filter((f) => /\.ya?ml$/.test(f.path) && f.path !== argoPath),
    ...corpusFiles('dockerfiles'),
  ];
  if (!argoPath || corpus.length === 0) return [];
  const client = await Client.start(server);
  try {
    await client.noop();
    await settle();
    const baseline = client.rss();
    // 201 documents: install.yaml and the corpus repeated under different URIs, each pulled as an editor does.
    const opened: string[] = [];
    const open = async (uri: string, languageId: string, text: string) => {
      await client.open(uri, languageId, text);
      await client.pull(uri);
      opened.push(uri);
    };
    await open('file:///bench/argo-cd/install.yaml', 'yaml', readFileSync(argoPath, 'utf8'));
    for (let i = 0; opened.length < 201; i++) {
      const f = corpus[i % corpus.length];
      const docker = !/\.ya?ml$/.test(f.path);
      await open(
        `file:///bench/copy-${Math.floor(i / corpus.length)}/${i}/${basename(f.path)}`,
        docker ? 'dockerfile' : 'yaml',
        f.text,
      );
    }
    // The server collects once it has been idle for a second after opens, large lints and closes (lsp/memory.ts):
    // the lowest RSS over the next 3 s (on a loaded machine the collection may come late).
    const open201 = await lowestRss(client, 3000);
    for (const uri of opened) await client.close(uri);
    await client.noop();
    const closed = await lowestRss(client, 3000);
    return [
      row(
        '5. server RSS, argo-cd install.yaml + 200 corpus files open',
        open201,
        'MB',
        150,
        `baseline ${baseline.toFixed(1)} MB after initialize; lowest over 3 s idle (the server collects when idle)`,
      ),
      infoRow(
        '5. server RSS after closing them, growth over baseline',
        closed - baseline,
        'MB',
        `${closed.toFixed(1)} MB: pages V8 keeps, mostly its young generation grown to 2 × 16 MB during the big lint (--max-semi-space-size=4 gives 24 MB back for ~25% more lint time); the live heap row shows nothing is held`,
      ),
      ...(await liveHeapRows(argoPath, corpus)),
    ];
  } finally {
    await client.stop();
  }
}

/**
 * What the server still holds once every document is closed: the same 201 documents through the server's modules in
 * this process (open and pull, then close, as server.ts does), live heap after full GCs. The first round builds
 * lazily initialised, bounded module state (compiled code, the RUN-parse LRU): the baseline is taken after it, and
 * the second round must give back everything it took.
 */
async function liveHeapRows(argoPath: string, corpus: { path: string; text: string }[]): Promise<Row[]> {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const heap = () => {
    for (let i = 0; i < 3; i++) gc();
    return process.memoryUsage().heapUsed / (1024 * 1024);
  };
  const server = inProcessServer();
  const languageOf = (path: string) => (/\.ya?ml$/.test(path) ? 'yaml' : 'dockerfile');
  const argo = readFileSync(argoPath, 'utf8');
  const round = async (): Promise<number> => {
    const uris = ['file:///bench/argo-cd/install.yaml'];
    await server.open(uris[0], 'yaml', argo);
    for (let i = 0; uris.length < 201; i++) {
      const f = corpus[i % corpus.length];
      uris.push(`file:///bench/copy-${Math.floor(i / corpus.length)}/${i}/${basename(f.path)}`);
      await server.open(uris[uris.length - 1], languageOf(f.path), f.text);
    }
    const open = heap();
    for (const uri of uris) await server.close(uri);
    return open;
  };
  const start = heap();
  await round();
  const before = heap();
  const open = await round();
  const after = heap();
  return [
    row(
      '5. live heap still held after closing them (in process, after GC)',
      after - before,
      'MB',
      1,
      `${before.toFixed(1)} MB before (${start.toFixed(1)} MB before the first round), ${open.toFixed(1)} MB with the 201 open, ${after.toFixed(1)} MB after closing`,
    ),
  ];
}

const settle = (msTime = 500) => new Promise((r) => setTimeout(r, msTime));

async function lowestRss(client: Client, window: number): Promise<number> {
  let lowest = client.rss();
  for (let t = 0; t < window; t += 250) {
    await settle(250);
    lowest = Math.min(lowest, client.rss());
  }
  return lowest;
}

// ---------------------------------------------------------------------------------------------------------------
// Item 6: VSIX size and client activation.

function vsixRows(dir: string): Row[] {
  const out = join(dir, 'harden.vsix');
  // What `npm run build && npm run package` ships: dist/ as a test run may have left it is a development build.
  const build = spawnSync(process.execPath, [join(ROOT, 'esbuild.mjs'), '--production'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (build.status !== 0)
    return [
      infoRow(
        '6. VSIX size (build failed)',
        Number.NaN,
        'MB',
        (build.stderr || build.stdout).trim().split('\n').slice(-2).join(' '),
      ),
    ];
  // `npm run package` is `vsce package --no-dependencies -o harden.vsix`: the same, written outside the tree.
  const r = spawnSync(
    process.execPath,
    [join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package', '--no-dependencies', '-o', out],
    { cwd: ROOT, encoding: 'utf8' },
  );
  if (r.status !== 0 || !existsSync(out))
    return [
      infoRow(
        '6. VSIX size (vsce package failed)',
        Number.NaN,
        'MB',
        (r.stderr || r.stdout).trim().split('\n').slice(-2).join(' '),
      ),
    ];
  const size = statSync(out).size / (1024 * 1024);
  return [row('6. VSIX size (vsce package of a production build)', size, 'MB', 1.5, `${(size * 1024).toFixed(0)} KiB`)];
}

/**
 * Loads the client bundle in a fresh Node process (a cold load, as the extension host does) with `vscode` answered
 * by a stub (any property, call or construction gives another stub), and times module load plus `activate()` up to
 * the point it returns its promise: what the extension host waits for before going on. The language client starts
 * the server asynchronously after that; here child_process.fork is refused so start() fails fast instead.
 */
async function activationRows(clientJs: string): Promise<Row[]> {
  const harness = join(dirname(clientJs), 'activate.js');
  writeFileSync(
    harness,
    `const { stub } = require(${JSON.stringify(join(ROOT, 'test', 'support', 'vscodeStub.cjs'))});
const Module = require('module');
const vscode = stub('vscode');
const load = Module._load;
Module._load = (request, parent, isMain) => (request === 'vscode' ? vscode : load(request, parent, isMain));
require('child_process').fork = () => { throw new Error('benchmark: the server is not started'); };
const c0 = process.cpuUsage();
const t0 = process.hrtime.bigint();
const ext = require(${JSON.stringify(clientJs)});
const t1 = process.hrtime.bigint();
const context = { subscriptions: [], asAbsolutePath: (p) => require('path').join(${JSON.stringify(ROOT)}, p), extensionPath: ${JSON.stringify(ROOT)}, extensionUri: stub('extensionUri'), globalState: stub('globalState'), workspaceState: stub('workspaceState') };
const pending = ext.activate(context);
const t2 = process.hrtime.bigint();
const c = process.cpuUsage(c0);
Promise.resolve(pending).catch(() => undefined).then(() => {
  const settled = process.cpuUsage(c0);
  console.log(JSON.stringify({ load: Number(t1 - t0) / 1e6, activate: Number(t2 - t1) / 1e6, cpu: (c.user + c.system) / 1000, settled: (settled.user + settled.system) / 1000 }));
  process.exit(0);
});
`,
  );
  const runs: { load: number; activate: number; cpu: number; settled: number }[] = [];
  for (let i = 0; i < 5; i++) {
    const r = spawnSync(process.execPath, [harness], { encoding: 'utf8', timeout: 30_000 });
    const line = r.stdout.trim().split('\n').pop() ?? '';
    if (r.status !== 0 || !line.startsWith('{'))
      return [
        infoRow(
          '6. client activation (harness failed)',
          Number.NaN,
          'ms',
          (r.stderr || r.stdout).trim().split('\n').slice(-2).join(' '),
        ),
      ];
    runs.push(JSON.parse(line) as (typeof runs)[number]);
  }
  // CPU time, as for the ratios: on a loaded machine the wall time mostly measures waiting for a core.
  const cpu = middle(runs.map((t) => t.cpu));
  return [
    row(
      '6. client activation (load dist/client.js + activate(), CPU)',
      cpu,
      'ms',
      100,
      `median of ${runs.length} cold loads in fresh processes; wall: load ${ms(middle(runs.map((t) => t.load)))} + activate ${ms(middle(runs.map((t) => t.activate)))}; the language client loads after activate() returns`,
    ),
    infoRow(
      '6. client: until activate() settles (language client loaded, server start refused here), CPU',
      middle(runs.map((t) => t.settled)),
      'ms',
      'what the extension host does not wait for before going on',
    ),
  ];
}
