// `npm run bench` (`--json` for machine-readable output): every figure is a ratio against a baseline measured in
// this same run, interleaved with it, or a budgeted absolute (ms, MB). Not part of `npm test`.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { dockerfileRows, engineEditRow, manifestRows } from './engine';
import { helmRows } from './helm';
import { ESTATE_COPIES, estateRows } from './estate';
import { printTable, type Row } from './measure';

const TIME_LIMIT_S = 120;

/** The engine rows, by group: each group runs in a process of its own (see `inChild`). */
const GROUPS: Record<string, () => Row[]> = {
  manifests: manifestRows,
  edit: () => [engineEditRow()],
  dockerfiles: dockerfileRows,
  helm: helmRows,
};

/**
 * Runs one group in a fresh process and returns its rows. Each group's figure and baseline are still measured
 * in one process, interleaved; separate processes keep one group's heap (argo-cd's parse leaves a large one) from
 * loading the next group's garbage collections, which moved the Dockerfile ratio by a third.
 */
function inChild(group: string): Row[] {
  const r = spawnSync(process.execPath, [...process.execArgv, __filename, '--group', group], {
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`bench group ${group} failed (${r.status}):\n${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as Row[];
}

async function main(): Promise<void> {
  const group = process.argv.indexOf('--group');
  if (group >= 0) {
    console.log(JSON.stringify(GROUPS[process.argv[group + 1]]()));
    return;
  }
  const json = process.argv.includes('--json');
  const started = Date.now();
  const rows: Row[] = Object.keys(GROUPS).flatMap(inChild);
  let lsp: { lspRows(): Promise<Row[]> } | undefined;
  try {
    lsp = require('./lsp') as { lspRows(): Promise<Row[]> };
  } catch (e) {
    // Only lsp.ts itself missing is optional; a module it fails to load is an error.
    if ((e as { code?: string }).code !== 'MODULE_NOT_FOUND' || !String((e as Error).message).includes("'./lsp'"))
      throw e;
  }
  if (lsp) rows.push(...(await lsp.lspRows()));
  const seconds = (Date.now() - started) / 1000;
  // Issue 18's estate rows (`--estate [copies]`, needs `npm run build`): a few minutes of whole-process runs on their
  // own, so they are asked for, and their time is not held to the limit of the others.
  const estate = process.argv.indexOf('--estate');
  const estateStarted = Date.now();
  if (estate >= 0) rows.push(...estateRows(Number(process.argv[estate + 1]) || ESTATE_COPIES));
  const estateSeconds = (Date.now() - estateStarted) / 1000;
  rows.sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }));
  const cpu = process.resourceUsage();
  // This process and the group processes it waited for (the LSP rows' servers are counted in their own rows).
  const cpuSeconds = (cpu.userCPUTime + cpu.systemCPUTime) / 1e6 + childCpuSeconds();
  const load = loadavg()[0];
  const budgeted = rows.filter((r) => !r.info);
  const ok = budgeted.every((r) => r.pass) && seconds <= TIME_LIMIT_S;
  if (json)
    console.log(
      JSON.stringify(
        { rows, seconds, cpuSeconds, loadAverage: load, cores: availableParallelism(), pass: ok },
        null,
        2,
      ),
    );
  else {
    printTable(rows);
    console.log(
      `\n${budgeted.filter((r) => r.pass).length}/${budgeted.length} within budget; ${seconds.toFixed(1)} s (limit ${TIME_LIMIT_S} s)${estate >= 0 ? ` and ${estateSeconds.toFixed(1)} s of estate rows` : ''}, ${cpuSeconds.toFixed(1)} s CPU; load average ${load.toFixed(1)} on ${availableParallelism()} cores`,
    );
    console.log(
      'Ratios are medians of CPU time, interleaved with the baseline in this process; ms figures are wall time unless marked CPU.',
    );
  }
  process.exitCode = ok ? 0 : 1;
}

/** CPU time of the child processes waited for so far (Linux: /proc/self/stat's cutime and cstime). */
function childCpuSeconds(): number {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return 0;
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 2;
});
