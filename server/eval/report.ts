/**
 * The evaluation report of `npm run eval`: per generator (all seeds added up) a table per typology, the confounders
 * flagged and a calibration table, plus one line per dataset; as Markdown (for docs/quality.md) and as JSON.
 */
import { combineEvaluations, ratios, type DatasetEvaluation, type EvaluationCounts } from './findings-eval.ts';

export interface DatasetResult {
  generator: string;
  seed: number;
  accounts: number;
  /** Findings reported by detection (rings and pairs, any score) and seconds spent detecting (loading excluded). */
  findings: number;
  detectSeconds: number;
  loadSeconds?: number;
  /** Seconds to stop, wipe and start the eval instance (database mode). */
  startSeconds?: number;
  evaluation: DatasetEvaluation;
}

export interface EvalReport {
  command: string;
  mode: 'database' | 'offline';
  accounts: number;
  seeds: number[];
  generators: string[];
  settings: unknown;
  datasets: (DatasetResult & { figures: ReturnType<typeof ratios> })[];
  summary: Record<string, EvaluationCounts & { figures: ReturnType<typeof ratios> }>;
}

const pct = (x: number) => (x * 100).toFixed(1);
const row = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;

export function buildReport(
  results: readonly DatasetResult[],
  meta: Pick<EvalReport, 'command' | 'mode' | 'accounts' | 'seeds' | 'generators' | 'settings'>,
): EvalReport {
  const summary: EvalReport['summary'] = {};
  for (const generator of meta.generators) {
    const done = results.filter((r) => r.generator === generator);
    if (done.length === 0) continue;
    const counts = combineEvaluations(done.map((r) => r.evaluation));
    summary[generator] = { ...counts, figures: ratios(counts) };
  }
  if (new Set(results.map((r) => r.generator)).size > 1) {
    const counts = combineEvaluations(results.map((r) => r.evaluation));
    summary.all = { ...counts, figures: ratios(counts) };
  }
  return {
    ...meta,
    datasets: results.map((r) => ({ ...r, figures: ratios(r.evaluation) })),
    summary,
  };
}

function typologyTable(c: EvaluationCounts): string[] {
  const r = ratios(c);
  const lines = [
    row(['typology', 'planted', 'found', 'recall %', 'flagged', 'true', 'ring precision %', 'account precision %']),
    row(['---', '---:', '---:', '---:', '---:', '---:', '---:', '---:']),
  ];
  for (const [t, x] of Object.entries(c.perTypology).sort(([a], [b]) => a.localeCompare(b))) {
    const f = r.perTypology[t]!;
    lines.push(
      row([t, x.planted, x.found, pct(f.recall), x.flagged, x.trueFlags, pct(f.precision), pct(f.accountPrecision)]),
    );
  }
  lines.push(
    row([
      '**all**',
      c.planted,
      c.found,
      pct(r.recall),
      c.flagged,
      c.trueFlags,
      pct(r.precision),
      pct(r.accountPrecision),
    ]),
  );
  return lines;
}

function flagsLine(c: EvaluationCounts): string {
  const kinds = Object.entries(c.confounders)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, x]) => `${k} ${x.flagged}/${x.groups}`)
    .join(', ');
  return (
    `Flagged findings: ${c.flagged} (rings ${c.byKind.ring.flagged}, pairs ${c.byKind.pair.flagged}): ` +
    `${c.trueFlags} true, ${c.fragments} fragments of planted groups, ${c.confounderFlags} on confounders, ` +
    `${c.falseFlags} other false flags.\n\nConfounder groups flagged (flagged/planted): ${kinds || 'none planted'}.`
  );
}

function calibrationTable(c: EvaluationCounts): string[] {
  const r = ratios(c);
  return [
    row(['score ≥', 'findings', 'true', 'precision %', 'groups found', 'recall %']),
    row(['---:', '---:', '---:', '---:', '---:', '---:']),
    ...c.calibration.map((k, i) =>
      row([
        k.threshold,
        k.findings,
        k.trueFindings,
        pct(r.calibration[i]!.precision),
        k.found,
        pct(r.calibration[i]!.recall),
      ]),
    ),
  ];
}

export function reportMarkdown(report: EvalReport): string {
  const out: string[] = [
    `Command: \`${report.command}\` (${report.mode === 'database' ? 'through the database' : 'offline, no database'}; ` +
      `${report.accounts} accounts; seeds ${report.seeds.join(', ')}).`,
    '',
  ];
  for (const [generator, c] of Object.entries(report.summary)) {
    out.push(`### ${generator === 'all' ? 'All generators together' : `Generator: ${generator}`}`, '');
    out.push(...typologyTable(c), '', flagsLine(c), '');
    out.push('Calibration (every finding scoring at least the threshold, flagged or not):', '');
    out.push(...calibrationTable(c), '');
  }
  out.push('### Per dataset', '');
  out.push(
    row([
      'generator',
      'seed',
      'planted',
      'recall %',
      'flagged',
      'ring precision %',
      'account precision %',
      'confounder flags',
      'detect s',
    ]),
    row(['---', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:']),
  );
  for (const d of report.datasets)
    out.push(
      row([
        d.generator,
        d.seed,
        d.evaluation.planted,
        pct(d.figures.recall),
        d.evaluation.flagged,
        pct(d.figures.precision),
        pct(d.figures.accountPrecision),
        d.evaluation.confounderFlags,
        d.detectSeconds.toFixed(1),
      ]),
    );
  return out.join('\n') + '\n';
}
