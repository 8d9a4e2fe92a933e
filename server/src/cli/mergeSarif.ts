import { readFile } from 'node:fs/promises';
import type * as Sarif from 'sarif';
import { oneLine, UsageError } from './errors';

/**
 * `harden merge-sarif a.sarif b.sarif …`: one log of several (the shards of one CI run). Runs of the same tool
 * (driver name and version) and the same `%SRCROOT%` become one run: its rules are the union by id, in first-seen
 * order, results keep their order (file by file) with `ruleIndex` pointing into the merged rules. Other runs are
 * kept as they are, after it.
 */
export async function mergeSarifFiles(paths: readonly string[]): Promise<string> {
  const logs: Sarif.Log[] = [];
  for (const p of paths) {
    let log: Sarif.Log;
    try {
      log = JSON.parse(await readFile(p, 'utf8')) as Sarif.Log;
    } catch (e) {
      throw new UsageError(`cannot read ${p}: ${oneLine(e)}`);
    }
    if (!log || log.version !== '2.1.0' || !Array.isArray(log.runs))
      throw new UsageError(`${p} is not a SARIF 2.1.0 log`);
    logs.push(log);
  }
  return `${JSON.stringify(mergeSarif(logs), null, 2)}\n`;
}

export function mergeSarif(logs: readonly Sarif.Log[]): Sarif.Log {
  const merged = new Map<string, { run: Sarif.Run; index: Map<string, number> }>();
  const runs: Sarif.Run[] = [];
  for (const log of logs) {
    for (const run of log.runs) {
      const driver = run.tool.driver;
      const key = JSON.stringify([driver.name, driver.version, run.originalUriBaseIds ?? null]);
      let into = merged.get(key);
      if (!into) {
        const rules = [...(driver.rules ?? [])];
        into = {
          run: { ...run, tool: { ...run.tool, driver: { ...driver, rules } }, results: [] },
          index: new Map(rules.map((r, i) => [r.id, i])),
        };
        merged.set(key, into);
        runs.push(into.run);
      }
      const target = into;
      const rules = target.run.tool.driver.rules!;
      for (const result of run.results ?? []) {
        const id = result.ruleId ?? (result.ruleIndex !== undefined ? driver.rules?.[result.ruleIndex]?.id : undefined);
        if (id === undefined) {
          target.run.results!.push(result);
          continue;
        }
        let i = target.index.get(id);
        if (i === undefined) {
          const descriptor = result.ruleIndex !== undefined ? driver.rules?.[result.ruleIndex] : undefined;
          i = rules.push(descriptor ?? { id }) - 1;
          target.index.set(id, i);
        }
        target.run.results!.push({ ...result, ruleIndex: i });
      }
    }
  }
  return { ...(logs[0] ?? { version: '2.1.0' }), version: '2.1.0', runs };
}
