/** Median of `runs` timings (ms) of `fn` after `warmup` calls; the same process, so ratios are fair. */
export function median(fn: () => void, { warmup = 3, runs = 11 } = {}): number {
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return middle(times);
}

export function middle(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

export function percentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

/** CPU time (user + system, all threads of this process: GC helpers included) and wall time of one call, in ms. */
export function timed(fn: () => void): { cpu: number; wall: number } {
  const c = process.cpuUsage();
  const t = process.hrtime.bigint();
  fn();
  const wall = Number(process.hrtime.bigint() - t) / 1e6;
  const u = process.cpuUsage(c);
  return { cpu: (u.user + u.system) / 1000, wall };
}

export interface Comparison {
  /** Medians of CPU ms. */
  base: number;
  ours: number;
  ratio: number;
  /** Medians of wall ms, for the detail column. */
  baseWall: number;
  oursWall: number;
}

/**
 * `ours` against `base`, interleaved so that both see the same machine load: the order alternates (ABBA) so that
 * neither always pays the garbage the other left behind. The figures are CPU time: other engineers' tests share the
 * two cores, and waiting for a core is not our cost. `setup` runs before each timed call of that side, untimed.
 */
export function compare(
  base: () => void,
  ours: () => void,
  {
    warmup = 2,
    runs = 9,
    setupBase,
    setupOurs,
  }: { warmup?: number; runs?: number; setupBase?: () => void; setupOurs?: () => void } = {},
): Comparison {
  const b: { cpu: number; wall: number }[] = [];
  const o: { cpu: number; wall: number }[] = [];
  const side = (which: 'b' | 'o', keep: boolean) => {
    (which === 'b' ? setupBase : setupOurs)?.();
    const t = timed(which === 'b' ? base : ours);
    if (keep) (which === 'b' ? b : o).push(t);
  };
  for (let i = 0; i < warmup + runs; i++) {
    const keep = i >= warmup;
    for (const which of i % 2 ? (['o', 'b'] as const) : (['b', 'o'] as const)) side(which, keep);
  }
  const bc = middle(b.map((x) => x.cpu));
  const oc = middle(o.map((x) => x.cpu));
  return {
    base: bc,
    ours: oc,
    ratio: oc / bc,
    baseWall: middle(b.map((x) => x.wall)),
    oursWall: middle(o.map((x) => x.wall)),
  };
}

export interface Row {
  name: string;
  value: number;
  unit: string;
  budget: number;
  /** How the value compares with the budget (always true for informational rows). */
  pass: boolean;
  detail: string;
  /** Shown for context, not held to a budget. */
  info?: boolean;
}

export function row(name: string, value: number, unit: string, budget: number, detail: string): Row {
  return { name, value, unit, budget, pass: value <= budget, detail };
}

export function infoRow(name: string, value: number, unit: string, detail: string): Row {
  return { name, value, unit, budget: Number.NaN, pass: true, detail, info: true };
}

function format(value: number, unit: string): string {
  return `${value.toFixed(unit === '×' ? 3 : unit === 'MB' ? 2 : 1)}${unit === '×' ? '×' : ` ${unit}`}`;
}

export function printTable(rows: Row[]): void {
  const w = Math.max(...rows.map((r) => r.name.length));
  console.log(`${'benchmark'.padEnd(w)}  ${'value'.padStart(10)}  ${'budget'.padStart(10)}  result  detail`);
  for (const r of rows) {
    const b = r.info ? '—' : `≤${format(r.budget, r.unit)}`;
    console.log(
      `${r.name.padEnd(w)}  ${format(r.value, r.unit).padStart(10)}  ${b.padStart(10)}  ${r.info ? 'info  ' : r.pass ? 'pass  ' : 'FAIL  '}  ${r.detail}`,
    );
  }
}
