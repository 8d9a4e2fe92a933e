// `npm run bench` (`--json` for machine-readable output): every figure is a ratio against a baseline measured in
// this same run, interleaved with it, or a budgeted absolute (ms, MB). Not part of `npm test`.
import { availableParallelism, loadavg } from 'node:os';
import { dockerfileRows, engineEditRow, manifestRows } from './engine';
import { printTable, type Row } from './measure';

const TIME_LIMIT_S = 120;

async function main(): Promise<void> {
  const json = process.argv.includes('--json');
  const started = Date.now();
  const rows: Row[] = [...manifestRows(), engineEditRow(), ...dockerfileRows()];
  let lsp: { lspRows(): Promise<Row[]> } | undefined;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    lsp = require('./lsp') as { lspRows(): Promise<Row[]> };
  } catch (e) {
    // Only lsp.ts itself missing is optional; a module it fails to load is an error.
    if ((e as { code?: string }).code !== 'MODULE_NOT_FOUND' || !String((e as Error).message).includes("'./lsp'")) throw e;
  }
  if (lsp) rows.push(...(await lsp.lspRows()));
  rows.sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }));
  const seconds = (Date.now() - started) / 1000;
  const cpu = process.cpuUsage();
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const load = loadavg()[0];
  const budgeted = rows.filter((r) => !r.info);
  const ok = budgeted.every((r) => r.pass) && seconds <= TIME_LIMIT_S;
  if (json) console.log(JSON.stringify({ rows, seconds, cpuSeconds, loadAverage: load, cores: availableParallelism(), pass: ok }, null, 2));
  else {
    printTable(rows);
    console.log(`\n${budgeted.filter((r) => r.pass).length}/${budgeted.length} within budget; ${seconds.toFixed(1)} s (limit ${TIME_LIMIT_S} s), ${cpuSeconds.toFixed(1)} s CPU in this process; load average ${load.toFixed(1)} on ${availableParallelism()} cores`);
    console.log('Ratios are medians of CPU time, interleaved with the baseline in this process; ms figures are wall time unless marked CPU.');
  }
  process.exitCode = ok ? 0 : 1;
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 2;
});
