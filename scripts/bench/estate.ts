// Issue 18, goal 1: a whole estate (30 teams' copies of ../shared/corpus's manifests and Dockerfiles) linted by the
// CLI as a whole process, against one thread that only reads and parses the same files with our parsers.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { sharedPath } from '../../test/support/shared';
import { row, type Row } from './measure';

const ROOT = resolve(__dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const TIME = '/usr/bin/time';
export const ESTATE_COPIES = 30;

/**
 * The floor: read every file the CLI would lint and parse it with `yaml` (every document) or `dockerfile-ast`, on one
 * thread, nothing else. Run with the repository as working directory so that both resolve.
 */
const FLOOR = `
const { readdirSync, readFileSync } = require('node:fs');
const { join } = require('node:path');
const { parseAllDocuments } = require('yaml');
const { DockerfileParser } = require('dockerfile-ast');
let n = 0;
const walk = (dir) => {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p);
    else if (/\\.ya?ml$/i.test(e.name)) { parseAllDocuments(readFileSync(p, 'utf8')); n++; }
    else if (/dockerfile|containerfile/i.test(e.name)) { DockerfileParser.parse(readFileSync(p, 'utf8')); n++; }
  }
};
walk(process.argv[1]);
console.log(n);
`;

interface Measured {
  wall: number;
  cpu: number;
  rssMb: number;
  stdout: string;
}

/** One whole process under /usr/bin/time: wall and CPU seconds, peak RSS (the largest process: all threads). */
function measure(args: string[], cwd: string): Measured {
  const r = spawnSync(TIME, ['-f', '%e %U %S %M', process.execPath, ...args], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  const [wall, user, sys, rss] = r.stderr.trim().split('\n').pop()!.split(' ').map(Number);
  return { wall, cpu: user + sys, rssMb: rss / 1024, stdout: r.stdout };
}

/** `copies` copies of the corpus's kubernetes/ and dockerfiles/ folders under team-NN/, in a new temporary folder. */
export function makeEstate(copies: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'harden-estate-'));
  for (let i = 1; i <= copies; i++) {
    const team = join(dir, `team-${String(i).padStart(2, '0')}`);
    mkdirSync(team);
    for (const sub of ['kubernetes', 'dockerfiles'])
      cpSync(sharedPath('corpus', sub)!, join(team, sub), { recursive: true });
  }
  return dir;
}

/**
 * Rows 4a–4c: CLI wall time over the floor's, per format, budget 1.0×; 4d: peak RSS of the three, budget 400 MB.
 * One run each (the floor takes about 20 s): ratios of single runs on a shared machine, the CPU seconds in the detail.
 */
export function estateRows(copies = ESTATE_COPIES): Row[] {
  if (!sharedPath('corpus', 'kubernetes') || !existsSync(TIME) || !existsSync(CLI)) return [];
  const estate = makeEstate(copies);
  try {
    const floor = measure(['-e', FLOOR, estate], ROOT);
    const files = floor.stdout.trim();
    const rows: Row[] = [];
    let peak = { rss: 0, format: '' };
    for (const format of ['text', 'json', 'sarif']) {
      const cli = measure([CLI, '--format', format, '--fail-on', 'never', '.'], estate);
      if (cli.rssMb > peak.rss) peak = { rss: cli.rssMb, format };
      rows.push(
        row(
          `4. estate (${copies}× corpus, ${files} files) CLI ${format} / single-thread parse floor, wall`,
          cli.wall / floor.wall,
          '×',
          1.0,
          `${cli.wall.toFixed(1)} s vs ${floor.wall.toFixed(1)} s wall; CPU ${cli.cpu.toFixed(1)} s vs ${floor.cpu.toFixed(1)} s; ${cli.rssMb.toFixed(0)} MB peak RSS; ${availableParallelism()} cores`,
        ),
      );
    }
    rows.push(
      row(
        `4. estate (${copies}× corpus) CLI peak RSS, largest of text, json and sarif`,
        peak.rss,
        'MB',
        400,
        `${peak.format}; the floor process: ${floor.rssMb.toFixed(0)} MB`,
      ),
    );
    return rows;
  } finally {
    rmSync(estate, { recursive: true, force: true });
  }
}
