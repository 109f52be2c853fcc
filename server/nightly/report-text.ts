/** Sentences shared by report.md and report.html. `code` formats an id (backticks in Markdown, <code> in HTML). */
import type { NightlyReport } from './report.ts';

export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

export function baselineText(r: NightlyReport, code: (id: string) => string): string {
  const b = r.baseline;
  if (b.source === 'nightly') return `the nightly run of ${b.date} (detection run ${code(b.detectionRunId ?? '')})`;
  if (b.source === 'detection') {
    return `detection run ${code(b.detectionRunId ?? '')} (no earlier nightly run of this job)`;
  }
  return 'nothing (first run: every ring is new)';
}
