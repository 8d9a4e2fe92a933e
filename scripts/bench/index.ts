// `npm run bench`: every figure is a ratio against a baseline measured in this same run (or a budgeted absolute).
import { dockerfileRows, engineEditRow, manifestRows } from './engine';
import { printTable, type Row } from './measure';

async function main(): Promise<void> {
  const json = process.argv.includes('--json');
  const started = Date.now();
  const rows: Row[] = [...manifestRows(), engineEditRow(), ...dockerfileRows()];
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const lsp = require('./lsp') as { lspRows(): Promise<Row[]> };
    rows.push(...(await lsp.lspRows()));
  } catch (e) {
    if ((e as { code?: string }).code !== 'MODULE_NOT_FOUND') throw e;
  }
  if (json) console.log(JSON.stringify({ rows, seconds: (Date.now() - started) / 1000 }, null, 2));
  else {
    printTable(rows);
    console.log(`\n${rows.filter((r) => r.pass).length}/${rows.length} within budget, ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  process.exitCode = rows.every((r) => r.pass) ? 0 : 1;
}

void main();
