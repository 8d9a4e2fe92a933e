import { parentPort, workerData } from 'node:worker_threads';
import { Workspace, type ConfigLayer, type ObjectSummary } from '../engine';
import { ConfigResolver } from './config';
import { oneLine, UsageError } from './errors';
import type { Candidate } from './files';
import { lintSource, read, summaryOf, type Source } from './lint';
import type { FileReport } from './report';

/** What the main thread gives every worker when it starts it. */
export interface WorkerSetup {
  cwd: string;
  overrides: ConfigLayer;
  config?: string;
  /** Compute fix edits (SARIF `fixes`). */
  edits: boolean;
  quiet: boolean;
}

/**
 * Main to worker. `facts`: read the file; a manifest answers with its summaries (linted later, in `lint`), any
 * other file is linted at once when `lint` is set. `workspace`: every manifest's summaries, in path order.
 */
export type ToWorker =
  | { type: 'facts'; i: number; file: Candidate; lint: boolean }
  | { type: 'workspace'; entries: [string, ObjectSummary[]][] }
  | { type: 'lint'; i: number; file: Candidate };

/** Worker to main: one answer per `facts` or `lint` message, and the warnings and failures met on the way. */
export type FromWorker =
  | { type: 'skip'; i: number }
  | { type: 'summary'; i: number; uri: string; summaries?: ObjectSummary[] }
  | { type: 'report'; i: number; report: FileReport }
  | { type: 'warning' | 'failure' | 'usage' | 'crash'; message: string };

/** The worker's loop: messages are handled one at a time, in order. */
export function runWorker(): void {
  const port = parentPort!;
  const setup = workerData as WorkerSetup;
  const send = (m: FromWorker) => port.postMessage(m);
  const onWarning = (message: string) => send({ type: 'warning', message });
  const onFailure = (message: string) => send({ type: 'failure', message });
  const configs = ConfigResolver.create(setup.cwd, setup.overrides, setup.config);
  let workspace = new Workspace();
  const readOne = async (file: Candidate): Promise<Source | undefined> =>
    read(file, { cwd: setup.cwd, configs: await configs, fix: false, onWarning });
  const lintOne = (s: Source) => lintSource(s, { edits: setup.edits, quiet: setup.quiet, onFailure, workspace });

  const handle = async (m: ToWorker): Promise<void> => {
    switch (m.type) {
      case 'workspace':
        workspace = new Workspace();
        for (const [uri, summaries] of m.entries) workspace.set(uri, summaries);
        return;
      case 'facts': {
        const s = await readOne(m.file);
        if (!s) return send({ type: 'skip', i: m.i });
        if (s.kind === 'kubernetes')
          return send({ type: 'summary', i: m.i, uri: s.uri, summaries: summaryOf(s, onFailure) });
        if (!m.lint) return send({ type: 'skip', i: m.i });
        return send({ type: 'report', i: m.i, report: lintOne(s) });
      }
      case 'lint': {
        const s = await readOne(m.file);
        if (!s) return send({ type: 'skip', i: m.i });
        return send({ type: 'report', i: m.i, report: lintOne(s) });
      }
    }
  };
  let queue = Promise.resolve();
  port.on('message', (m: ToWorker) => {
    queue = queue
      .then(() => handle(m))
      .catch((e: unknown) => send({ type: e instanceof UsageError ? 'usage' : 'crash', message: oneLine(e) }));
  });
}
