import { ENGINE_RULE_ID } from '../../engine';
import { UNUSED_IGNORE_ID } from '../unusedIgnores';
import type { FileReport } from '../report';
import { toJsonFile } from './json';
import { resultsOf, ruleDescriptors, runBase, SARIF_SCHEMA, tool } from './sarif';

/** What main writes reports through, file by file in path order; `end` once every file is written. */
export interface Reporter {
  file(f: FileReport): void;
  end(): void;
}

/** `value` as `JSON.stringify(value, null, 2)` would print it `depth` levels deep in a larger document. */
function nested(value: unknown, depth: number): string {
  const pad = ' '.repeat(2 * depth);
  return pad + JSON.stringify(value, null, 2).replace(/\n/g, `\n${pad}`);
}

/**
 * `--format json` written as files finish: byte for byte what `formatJson` prints for the whole list, without
 * holding the list.
 */
export class JsonStream implements Reporter {
  private count = 0;

  constructor(private readonly write: (s: string) => void) {}

  file(f: FileReport): void {
    const head = this.count++ === 0 ? '{\n  "version": 1,\n  "files": [\n' : ',\n';
    this.write(head + nested(toJsonFile(f), 2));
  }

  end(): void {
    this.write(this.count === 0 ? '{\n  "version": 1,\n  "files": []\n}\n' : '\n  ]\n}\n');
  }
}

/**
 * `--format sarif` written as files finish. The run's results come first and its `tool` last: the rule list
 * holds the engine's own descriptor only when a finding of it was seen, which is known at the end.
 */
export class SarifStream implements Reporter {
  private started = false;
  private count = 0;
  private engine = false;
  private unused = false;

  constructor(
    private readonly write: (s: string) => void,
    private readonly cwd: string,
  ) {}

  private start(): void {
    this.started = true;
    const base = nested(runBase(this.cwd), 0).slice(0, -2).replace(/\n/g, '\n    '); // without its closing "\n}"
    const head = JSON.stringify({ $schema: SARIF_SCHEMA, version: '2.1.0' }, null, 2).slice(0, -2);
    this.write(`${head},\n  "runs": [\n    ${base},\n      "results": [`);
  }

  file(f: FileReport): void {
    if (!this.started) this.start();
    for (const r of resultsOf(f)) this.write(`${this.count++ === 0 ? '\n' : ',\n'}${nested(r, 4)}`);
    if (f.findings.some((x) => x.ruleId === ENGINE_RULE_ID)) this.engine = true;
    if (f.findings.some((x) => x.ruleId === UNUSED_IGNORE_ID)) this.unused = true;
  }

  end(): void {
    if (!this.started) this.start();
    this.write(this.count === 0 ? ']' : '\n      ]');
    const t = nested(tool(ruleDescriptors(this.engine, this.unused)), 3).trimStart();
    this.write(`,\n      "tool": ${t}\n    }\n  ]\n}\n`);
  }
}
