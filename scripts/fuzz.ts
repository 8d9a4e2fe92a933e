// `npm run fuzz -- --minutes N [--seed S] [--no-engine | --no-lsp] [--no-save]`: long mutation fuzzing with fresh seeds, for
// as long as asked. `npm test` runs the same properties with fixed seeds (test/robustness/fuzz.test.ts and
// lspFuzz.test.ts); this runs them with a new seed each time and until the time is up.
//
// - The engine: mutants of the corpus and the fixtures through `checkProperties` (no rule throws, CPU time
//   within its budget, incremental equals full, every edit keeps the text parsing and stays in its ranges), in a
//   child process watched by this one, so a hang or a crash of the process itself (V8 aborts) is caught too.
// - The language server: bursts of mutated edits over JSON-RPC, each pulled and cancelled by the next; the last
//   answer must equal a fresh lint of the final text.
//
// Prints iterations, crashes (each distinct one once) and the slowest input. Each crash is saved, shrunk where
// it can be, as test/fixtures/regressions/fuzz-<seed>-<n>.<ext>, which test/robustness/regressions.test.ts runs.
import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { KubernetesCache } from '../server/src/engine/runner/kubernetesRunner';
import { fuzzServer } from '../test/robustness/lspFuzz';
import { mutate, rng } from '../test/robustness/mutate';
import { budgetMs, checkProperties } from '../test/robustness/properties';
import { fuzzSeeds, REGRESSIONS } from '../test/robustness/seeds';

const ROOT = join(__dirname, '..');
const URI = { dockerfile: 'file:///fuzz/Dockerfile', yaml: 'file:///fuzz/manifest.yaml' } as const;
const EXT = { dockerfile: 'Dockerfile', yaml: 'yaml' } as const;

interface Options {
  minutes: number;
  seed: number;
  engine: boolean;
  lsp: boolean;
  save: boolean;
}

function parseArgs(argv: string[]): Options {
  const value = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const minutes = Number(value('--minutes') ?? 1);
  const seed = Number(value('--seed') ?? Date.now() % 0x7fffffff);
  if (!(minutes > 0) || !Number.isInteger(seed)) {
    console.error('usage: npm run fuzz -- --minutes N [--seed S] [--no-engine | --no-lsp] [--no-save]');
    process.exit(2);
  }
  return {
    minutes,
    seed,
    engine: !argv.includes('--no-engine'),
    lsp: !argv.includes('--no-lsp'),
    save: !argv.includes('--no-save'),
  };
}

const seeds = fuzzSeeds();

/** The newest modification time below server/src: the LSP sessions rebuild dist/server.js from it. */
function newestSource(dir = join(ROOT, 'server', 'src')): number {
  return readdirSync(dir, { withFileTypes: true }).reduce(
    (m, e) => Math.max(m, e.isDirectory() ? newestSource(join(dir, e.name)) : statSync(join(dir, e.name)).mtimeMs),
    0,
  );
}

/** Mutant `i` of run `seed`: reproducible from the two numbers alone (the watchdog rebuilds it after a hang). */
function mutant(seed: number, i: number): { kind: 'dockerfile' | 'yaml'; text: string; origin: string } {
  const r = rng((seed * 2654435761 + i * 40503 + 1) >>> 0);
  const s = seeds[Math.floor(r() * seeds.length)];
  return { kind: s.kind, text: mutate(s.text, r, 1 + Math.floor(r() * 6)), origin: relative(ROOT, s.path) };
}

// ---- worker: runs mutants, says which one it starts, reports failures and timings --------------------------

interface FromWorker {
  start?: number;
  done?: { i: number; ms: number; chars: number };
  failed?: { i: number; message: string };
}

function worker(seed: number, from: number): void {
  const send = (m: FromWorker) => process.send!(m);
  checkProperties(URI.dockerfile, 'FROM a\nRUN b | c\n');
  checkProperties(URI.yaml, 'apiVersion: v1\nkind: Pod\nspec: {containers: [{name: a}]}\n');
  const caches = new Map<string, KubernetesCache>();
  for (let i = from; ; i++) {
    const m = mutant(seed, i);
    send({ start: i });
    try {
      // One cache per origin: consecutive mutants of a file are what an editor's cache sees.
      let cache = caches.get(m.origin);
      if (!cache && m.kind === 'yaml') caches.set(m.origin, (cache = new KubernetesCache()));
      const { ms } = checkProperties(URI[m.kind], m.text, cache);
      send({ done: { i, ms, chars: m.text.length } });
    } catch (e) {
      send({ failed: { i, message: e instanceof Error ? (e.stack ?? e.message) : String(e) } });
    }
  }
}

// ---- parent: watchdog, LSP sessions, report -------------------------------------------------------------------

interface Crash {
  what: string;
  kind: 'dockerfile' | 'yaml';
  text: string;
  origin: string;
  /** Language-server problems: the burst's texts, saved beside the fixture to replay it. */
  history?: string[];
  file?: string;
}

/** The first line that says what went wrong, without the input's own numbers, to tell crashes apart. */
function signature(message: string): string {
  const line = message.split('\n').find((l) => l.trim() && !/^\s*at /.test(l)) ?? message;
  return line.replace(/\d+/g, 'N').slice(0, 200);
}

/** Shrinks a failing text by dropping lines, then characters, while `fails` holds (bounded in time). */
function shrink(text: string, fails: (t: string) => boolean, ms = 60_000): string {
  const deadline = Date.now() + ms;
  let best = text;
  for (const unit of ['\n', ''] as const) {
    let parts = unit ? best.split('\n') : [...best];
    for (
      let chunk = Math.max(1, Math.floor(parts.length / 2));
      chunk >= 1 && Date.now() < deadline;
      chunk = Math.floor(chunk / 2)
    ) {
      for (let at = 0; at < parts.length && Date.now() < deadline;) {
        const candidate = [...parts.slice(0, at), ...parts.slice(at + chunk)];
        const t = candidate.join(unit);
        if (t !== best && fails(t)) {
          parts = candidate;
          best = t;
        } else at += chunk;
      }
    }
  }
  return best;
}

function engineFails(kind: 'dockerfile' | 'yaml', sig: string): (t: string) => boolean {
  return (t) => {
    try {
      checkProperties(URI[kind], t, kind === 'yaml' ? new KubernetesCache() : undefined);
      return false;
    } catch (e) {
      return signature(e instanceof Error ? e.message : String(e)) === sig;
    }
  };
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const deadline = Date.now() + options.minutes * 60_000;
  console.log(
    `fuzzing for ${options.minutes} min, seed ${options.seed} (repeat with --seed ${options.seed}); ${seeds.length} seed files`,
  );

  const crashes = new Map<string, Crash>();
  const record = (sig: string, c: Crash) => {
    if (crashes.has(sig)) return;
    crashes.set(sig, c);
    console.log(`\nCRASH ${crashes.size}: ${c.what.split('\n')[0]}\n  from ${c.origin} (${c.text.length} characters)`);
  };
  let iterations = 0;
  let slowest = { ms: 0, chars: 0, origin: '', i: -1 };

  // The engine in a watched child process.
  const engineDone = new Promise<void>((resolveAll) => {
    let next = 0;
    let child: ChildProcess | undefined;
    let current = -1;
    let timer: NodeJS.Timeout | undefined;
    const arm = (i: number) => {
      clearTimeout(timer);
      const m = mutant(options.seed, i);
      const limit = Math.max(30_000, 3 * budgetMs(m.text));
      timer = setTimeout(() => {
        record(`hang:${m.kind}`, { what: `no result within ${limit} ms (hang or super-linear time)`, ...m });
        child?.kill('SIGKILL');
      }, limit);
    };
    const startChild = () => {
      if (Date.now() >= deadline || !options.engine) {
        clearTimeout(timer);
        return resolveAll();
      }
      child = fork(__filename, ['--worker', String(options.seed), String(next)], {
        execArgv: process.execArgv,
        stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      });
      let stderr = '';
      child.stderr!.on('data', (d) => (stderr = (stderr + String(d)).slice(-4000)));
      child.on('message', (msg: FromWorker) => {
        if (msg.start !== undefined) {
          current = msg.start;
          arm(current);
        } else if (msg.done) {
          iterations++;
          next = msg.done.i + 1;
          if (msg.done.ms > slowest.ms)
            slowest = {
              ms: msg.done.ms,
              chars: msg.done.chars,
              origin: mutant(options.seed, msg.done.i).origin,
              i: msg.done.i,
            };
          if (Date.now() >= deadline) child!.kill();
        } else if (msg.failed) {
          iterations++;
          next = msg.failed.i + 1;
          const m = mutant(options.seed, msg.failed.i);
          record(signature(msg.failed.message), { what: msg.failed.message, ...m });
        }
      });
      child.on('exit', (code, signal) => {
        clearTimeout(timer);
        if (Date.now() < deadline && current >= next) {
          // Died inside a mutant: a crash of the process (or the watchdog's kill after a hang, recorded above).
          const m = mutant(options.seed, current);
          if (signal !== 'SIGKILL')
            record(`exit:${code}:${signal}:${signature(stderr)}`, {
              what: `the process died (${signal ?? `exit ${code}`}): ${stderr.trim().split('\n').slice(0, 5).join(' | ')}`,
              ...m,
            });
          iterations++;
          next = current + 1;
        }
        startChild();
      });
    };
    startChild();
  });

  // The language server, meanwhile, in sessions of a few bursts.
  let lspEdits = 0;
  let lspBursts = 0;
  let lspSlowest = { ms: 0, chars: 0, kind: '' };
  const sources = newestSource();
  const lspDone = (async () => {
    for (let session = 0; options.lsp && Date.now() < deadline; session++) {
      // A server rebuilt from edited sources would be compared with the engine this process loaded at start.
      if (newestSource() !== sources) {
        console.log(
          '\nserver/src changed during the run: language-server fuzzing stopped (it would compare two versions)',
        );
        break;
      }
      const result = await fuzzServer(seeds, rng((options.seed ^ (session * 7919 + 17)) >>> 0), {
        bursts: 20,
        burst: 6,
        deadline,
      });
      lspEdits += result.edits;
      lspBursts += result.bursts;
      if (result.slowest.ms > lspSlowest.ms) lspSlowest = result.slowest;
      for (const p of result.problems)
        record(`lsp:${signature(p.what)}`, {
          what: `language server: ${p.what}`,
          kind: p.kind,
          text: p.text,
          history: p.history,
          origin: `LSP session ${session}`,
        });
    }
  })();

  const progress = setInterval(
    () => console.log(`… ${iterations} mutants, ${lspEdits} LSP edits, ${crashes.size} crashes`),
    30_000,
  );
  await Promise.all([engineDone, lspDone]);
  clearInterval(progress);

  if (options.save && crashes.size > 0) {
    mkdirSync(REGRESSIONS, { recursive: true });
    let n = 0;
    for (const [sig, c] of crashes) {
      n++;
      // Property failures shrink in this process; hangs and process deaths are kept as found (re-running them here could take this process down).
      const text = c.text && !/^(hang|exit|lsp):/.test(sig) ? shrink(c.text, engineFails(c.kind, sig)) : c.text;
      c.file = join(REGRESSIONS, `fuzz-${options.seed}-${n}.${EXT[c.kind]}`);
      writeFileSync(c.file, text);
      if (c.history)
        writeFileSync(
          `${c.file}.burst.json`,
          `${JSON.stringify({ kind: c.kind, what: c.what, texts: c.history }, null, 1)}\n`,
        );
    }
  }

  console.log(`\n${options.minutes} min, seed ${options.seed}`);
  if (options.engine)
    console.log(
      `engine: ${iterations} mutants; slowest ${slowest.ms.toFixed(0)} ms CPU for ${slowest.chars} characters (mutant ${slowest.i} of ${slowest.origin})`,
    );
  if (options.lsp)
    console.log(
      `language server: ${lspEdits} edits in ${lspBursts} bursts; slowest final answer ${lspSlowest.ms} ms for ${lspSlowest.chars} characters (${lspSlowest.kind})`,
    );
  console.log(`crashes: ${crashes.size}`);
  for (const c of crashes.values())
    console.log(
      `- ${c.what.split('\n').slice(0, 12).join('\n  ')}\n  from ${c.origin}${c.file ? `\n  saved as ${relative(ROOT, c.file)}${c.history ? ' (+ .burst.json)' : ''}` : ''}`,
    );
  process.exitCode = crashes.size > 0 ? 1 : 0;
}

if (process.argv[2] === '--worker') worker(Number(process.argv[3]), Number(process.argv[4]));
else
  void main().catch((e: unknown) => {
    console.error(e);
    process.exitCode = 2;
  });
