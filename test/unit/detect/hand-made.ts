// Helpers for the small hand-made graphs of the detection tests (detection-v2, held-out-principles).
import type { AccountInfo } from '../../../server/detect/input.ts';
import type { DetectRingsResult } from '../../../server/detect/pipeline.ts';

const DAY = 86_400_000;

/** ISO time `n` days after 2025-01-01. */
export const day = (n: number): string => new Date(Date.UTC(2025, 0, 1) + n * DAY).toISOString();

/** `prefix-00`, `prefix-01`, … */
export const names = (prefix: string, n: number): string[] =>
  Array.from({ length: n }, (_, i) => `${prefix}-${String(i).padStart(2, '0')}`);

/** Unlabelled accounts opened 40 days apart, each with two devices, unless `extra` says otherwise. */
export function people(
  ids: string[],
  extra: (i: number) => Partial<AccountInfo> = () => ({}),
): Map<string, AccountInfo> {
  return new Map(ids.map((id, i) => [id, { id, label: 'unknown', createdAt: day(i * 40), devices: 2, ...extra(i) }]));
}

/** The finding holding `member`, if any. */
export function findingOf(result: DetectRingsResult, member: string) {
  return result.rings.find((r) => r.members.includes(member));
}
