/** Marks a duplicate-account pair (two accounts tied by a strong identifier) wherever rings and pairs are listed. */
import type { RingKind } from '@contracts/rings.ts';

export function PairBadge({ kind }: { kind: RingKind }) {
  if (kind !== 'pair') return null;
  return (
    <span className="badge badge--pair" title="Duplicate-account pair: two accounts tied by a strong identifier">
      pair
    </span>
  );
}
