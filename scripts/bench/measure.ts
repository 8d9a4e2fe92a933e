/** Median of `runs` timings (ms) of `fn` after `warmup` calls; the same process, so ratios are fair. */
export function median(fn: () => void, { warmup = 3, runs = 11 } = {}): number {
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

export function percentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

export interface Row {
  name: string;
  value: number;
  unit: string;
  budget: number;
  /** How the value compares with the budget. */
  pass: boolean;
  detail: string;
}

export function row(name: string, value: number, unit: string, budget: number, detail: string): Row {
  return { name, value, unit, budget, pass: value <= budget, detail };
}

export function printTable(rows: Row[]): void {
  const w = Math.max(...rows.map((r) => r.name.length));
  console.log(`${'benchmark'.padEnd(w)}  ${'value'.padStart(10)}  ${'budget'.padStart(10)}  result  detail`);
  for (const r of rows) {
    const v = `${r.value.toFixed(r.unit === '×' ? 3 : 1)}${r.unit}`;
    const b = `≤${r.budget}${r.unit}`;
    console.log(`${r.name.padEnd(w)}  ${v.padStart(10)}  ${b.padStart(10)}  ${r.pass ? 'pass  ' : 'FAIL  '}  ${r.detail}`);
  }
}
