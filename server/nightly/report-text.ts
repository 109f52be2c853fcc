/** Sentences shared by report.md and report.html. `code` formats an id (backticks in Markdown, <code> in HTML). */
import { kindNoun, type RingKind } from '../rings/findings.ts';
import type { NightlyCounts, NightlyReport } from './report.ts';

export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

/** "3 rings and 1 duplicate-account pair reported, 2 flagged". */
export function findingsText(c: NightlyCounts): string {
  return `${plural(c.rings, 'ring')} and ${plural(c.pairs, 'duplicate-account pair')} reported, ${c.flagged} flagged`;
}

/** "new ring", "grown duplicate-account pair": what an alert is about. */
export function alertTitle(a: { kind: string; ringKind: RingKind }): string {
  return `${a.kind} ${kindNoun(a.ringKind)}`;
}

/** The id as shown in tables, with " (pair)" after a duplicate-account pair's. */
export function pairNote(x: { ringKind: RingKind }): string {
  return x.ringKind === 'pair' ? ' (pair)' : '';
}

export function baselineText(r: NightlyReport, code: (id: string) => string): string {
  const b = r.baseline;
  if (b.source === 'nightly') return `the nightly run of ${b.date} (detection run ${code(b.detectionRunId ?? '')})`;
  if (b.source === 'detection') {
    return `detection run ${code(b.detectionRunId ?? '')} (no earlier nightly run of this job)`;
  }
  return 'nothing (first run: every ring is new)';
}
