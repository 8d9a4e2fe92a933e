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

/**
 * The old-generation heap of a worker, in MB: V8 lets a heap grow far past what is live before collecting, and
 * every worker's heap counts in the process's memory. Enough for the largest file's parse (about 40 bytes per
 * byte of YAML) over a floor; a file that needs more gets a worker without a limit (see `start`).
 */
export function heapLimitMb(largestFileBytes: number): number {
  return Math.max(96, 48 + Math.ceil((largestFileBytes * 40) / 2 ** 20));
}

/** A worker's young generation, in MB: V8's default let the estate's sarif run reach 410 MB, this one 360 MB. */
const YOUNG_MB = 12;

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
  // The variable is for tests: a limit too small for any file shows that out-of-memory workers are replaced.
  const heap = Number(process.env.HARDEN_WORKER_HEAP_MB) || heapLimitMb(Math.max(0, ...sizes));
  const workers: Worker[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      let queue = bySize(order.map((_, i) => i));
      let phase: 'facts' | 'lint' = 'facts';
      let pending = queue.length;
      let workspace: ToWorker | undefined;
      /** What each worker was sent and has not answered yet, oldest first (a worker answers in order). */
      const inFlight = new Map<Worker, ToWorker[]>();
      const send = (w: Worker, m: ToWorker) => {
        inFlight.get(w)!.push(m);
        w.postMessage(m);
      };
      const feed = (w: Worker) => {
        while (inFlight.get(w)!.length < IN_FLIGHT && queue.length > 0) {
          const i = queue.shift()!;
          send(
            w,
            phase === 'facts'
              ? { type: 'facts', i, file: order[i].file, lint: lints[i] }
              : { type: 'lint', i, file: order[i].file },
          );
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
        workspace = { type: 'workspace', entries };
        for (const w of workers) w.postMessage(workspace);
        workers.forEach(feed);
      };
      const answered = (w: Worker) => {
        inFlight.get(w)!.shift();
        if (--pending === 0) {
          if (phase === 'facts') secondPass();
          else resolve();
        } else feed(w);
      };
      const onMessage = (w: Worker, m: FromWorker) => {
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
        answered(w);
      };
      /**
       * A worker whose heap limit a file exceeded is replaced by one without a limit, which is given the files the
       * first had not answered: the limit keeps memory bounded on an estate of ordinary files, not a cap on size.
       */
      const start = (limit: number | undefined, lost: ToWorker[] = []): void => {
        const w = new Worker(options.script, {
          workerData: setup,
          resourceLimits:
            limit === undefined ? undefined : { maxOldGenerationSizeMb: limit, maxYoungGenerationSizeMb: YOUNG_MB },
        });
        workers.push(w);
        inFlight.set(w, []);
        w.on('message', (m: FromWorker) => onMessage(w, m));
        w.on('error', (e: Error & { code?: string }) => {
          if (e.code !== 'ERR_WORKER_OUT_OF_MEMORY' || limit === undefined) return reject(e);
          workers.splice(workers.indexOf(w), 1);
          const unanswered = inFlight.get(w)!;
          inFlight.delete(w);
          start(undefined, unanswered);
        });
        w.on('exit', (code) => {
          if (pending > 0 && inFlight.has(w)) reject(new Error(`a lint worker exited (code ${code})`));
        });
        if (workspace) w.postMessage(workspace);
        for (const m of lost) send(w, m);
        feed(w);
      };
      if (pending === 0) return resolve();
      for (let k = 0; k < count; k++) start(heap);
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
