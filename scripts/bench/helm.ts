// Issue 16's bench row: rendering the podinfo chart in-process against parsing its output with `yaml`.
import { parseAllDocuments } from 'yaml';
import { renderChart } from '../../server/src/engine/helm/chart';
import { loadChartDir } from '../../test/helm/loadChart';
import { sharedPath } from '../../test/support/shared';
import { ms } from './engine';
import { compare, row, type Row } from './measure';

export function helmRows(): Row[] {
  const dir = sharedPath('corpus', 'kubernetes', 'stefanprodan__podinfo', 'charts', 'podinfo');
  if (!dir) return [];
  const files = loadChartDir(dir);
  const opts = { kubeVersion: 'v1.31.0' };
  const out = renderChart(files, opts).manifest;
  const c = compare(
    () => void parseAllDocuments(out),
    () => void renderChart(files, opts),
    { warmup: 5, runs: 15 },
  );
  return [
    row(
      '7. helm: render podinfo / yaml parse of its output',
      c.ratio,
      '×',
      1,
      `${ms(c.ours)} vs ${ms(c.base)} CPU (wall ${ms(c.oursWall)} vs ${ms(c.baseWall)}), ${out.split('\n').length} lines`,
    ),
  ];
}
