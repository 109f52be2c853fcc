/** Rings, pairs or both in the queue: a three-way switch (radio buttons, so arrow keys move between the choices). */
import type { RingKind } from '../api/get-rings.ts';

const CHOICES: Array<{ value: RingKind | null; text: string; title: string }> = [
  { value: null, text: 'All', title: 'Rings and duplicate-account pairs' },
  { value: 'ring', text: 'Rings', title: 'Rings of three or more accounts' },
  { value: 'pair', text: 'Pairs', title: 'Duplicate-account pairs: two accounts tied by a strong identifier' },
];

export function RingKindFilter({ kind, onChange }: { kind: RingKind | null; onChange(kind: RingKind | null): void }) {
  return (
    <div className="segmented ring-kind-filter" role="radiogroup" aria-label="Show" data-testid="ring-kind-filter">
      {CHOICES.map((c) => (
        <label key={c.text} className={kind === c.value ? 'is-on' : undefined} title={c.title}>
          <input
            type="radio"
            name="ring-kind"
            value={c.value ?? 'all'}
            checked={kind === c.value}
            onChange={() => onChange(c.value)}
          />
          {c.text}
        </label>
      ))}
    </div>
  );
}
