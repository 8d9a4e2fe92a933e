import { stat } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import type { ObjectSummary } from '../engine';
import { UsageError } from './errors';
import { compare, type Candidate } from './files';
import { mapLimit } from './lint';
import { displayPath, type FileReport } from './report';
import type { FromWorker, ToWorker, WorkerSetup } from './worker';

export interface PoolOptions extends WorkerSetup {
  /** Worker threads to start. */
  jobs: number;
  /** The script the workers run: this bundle, re-entered (see main.ts). */
  script: string;
  /** Lint only these (`--shard`); every manifest is still read for the cross-file facts. */
  lints?(file: Candidate): boolean;
  onWarning(message: string): void;
  onFailure(message: string): void;
  /** Every report, in path order, as soon as it and all before it are done. */
  onReport(report: FileReport): void;
}

/** Files in flight per worker: one being worked on and one waiting, so a worker never idles for a message. */
const IN_FLIGHT = 2;

/**
 * The same reports as `lintFiles` (without `--fix`), on worker threads. Pass 1: every file is read once, the
 * largest first; Dockerfiles are linted at once and manifests answer with their summaries. Once all are in, the
 * summaries, merged in path order as `lintFiles` records them, go to every worker; pass 2 lints the manifests
 * against them, again largest first. Reports are written in path order as the prefix before them completes.
 */
export async function lintOnWorkers(files: readonly Candidate[], options: PoolOptions): Promise<void> {
  // The order reports are written in: by display path, as `lintFiles` sorts its sources.
  const order = files
    .map((file) => ({ file, path: displayPath(file.abs, options.cwd) }))
    .sort((a, b) => compare(a.path, b.path));
  const sizes = await mapLimit(order, 16, async ({ file }) => (await stat(file.abs).catch(() => undefined))?.size ?? 0);
  const bySize = (ids: number[]) => ids.sort((a, b) => sizes[b] - sizes[a] || a - b);
  const lints = order.map(({ file }) => options.lints?.(file) ?? true);

  // Per file: undefined while pending, null when it has no report, else its report until written.
  const reports = order.map((): FileReport | null | undefined => undefined);
  const summaries = order.map((): ObjectSummary[] | undefined => undefined);
  const uris = order.map((): string | undefined => undefined);
  let written = 0;
  const flush = () => {
    while (written < order.length && reports[written] !== undefined) {
      const r = reports[written];
      reports[written++] = null;
      if (r) options.onReport(r);
    }
  };

  const setup: WorkerSetup = {
    cwd: options.cwd,
    overrides: options.overrides,
    config: options.config,
    edits: options.edits,
    quiet: options.quiet,
  };
  const count = Math.max(1, Math.min(options.jobs, order.length));
  const workers = Array.from({ length: count }, () => new Worker(options.script, { workerData: setup }));
  try {
    await new Promise<void>((resolve, reject) => {
      let queue = bySize(order.map((_, i) => i));
      let phase: 'facts' | 'lint' = 'facts';
      let pending = queue.length;
      const busy = new Map<Worker, number>(workers.map((w) => [w, 0]));
      const feed = (w: Worker) => {
        while (busy.get(w)! < IN_FLIGHT && queue.length > 0) {
          const i = queue.shift()!;
          busy.set(w, busy.get(w)! + 1);
          const m: ToWorker =
            phase === 'facts'
              ? { type: 'facts', i, file: order[i].file, lint: lints[i] }
              : { type: 'lint', i, file: order[i].file };
          w.postMessage(m);
        }
      };
      const secondPass = () => {
        const entries: [string, ObjectSummary[]][] = [];
        const next: number[] = [];
        order.forEach((_, i) => {
          const list = summaries[i];
          if (list) entries.push([uris[i]!, list]);
          if (uris[i] !== undefined && lints[i]) next.push(i);
          else if (reports[i] === undefined) reports[i] = null;
          summaries[i] = undefined;
        });
        flush();
        phase = 'lint';
        queue = bySize(next);
        pending = queue.length;
        if (pending === 0) return resolve();
        for (const w of workers) w.postMessage({ type: 'workspace', entries } satisfies ToWorker);
        workers.forEach(feed);
      };
      const done = (w: Worker) => {
        busy.set(w, busy.get(w)! - 1);
        if (--pending === 0) {
          if (phase === 'facts') secondPass();
          else resolve();
        } else feed(w);
      };
      for (const w of workers) {
        w.on('message', (m: FromWorker) => {
          switch (m.type) {
            case 'warning':
              return options.onWarning(m.message);
            case 'failure':
              return options.onFailure(m.message);
            case 'usage':
              return reject(new UsageError(m.message));
            case 'crash':
              return reject(new Error(m.message));
            case 'skip':
              reports[m.i] = null;
              break;
            case 'summary':
              uris[m.i] = m.uri;
              summaries[m.i] = m.summaries;
              break;
            case 'report':
              reports[m.i] = m.report;
              break;
          }
          flush();
          done(w);
        });
        w.on('error', reject);
        w.on('exit', (code) => {
          if (pending > 0) reject(new Error(`a lint worker exited (code ${code})`));
        });
      }
      if (pending === 0) resolve();
      else workers.forEach(feed);
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
