/**
 * A two-handled slider over the first/last-seen dates of the edges on screen. Edges whose sighting interval lies
 * outside the window fade (they are not removed, so the shape of the graph stays readable).
 */
import { formatEpoch } from '../../../lib/format.ts';
import type { TimeWindow } from '@contracts/time-window.ts';

const DAY = 86_400_000;

export function TimeFilter({
  domain,
  window,
  onChange,
}: {
  domain: TimeWindow | null;
  window: TimeWindow | null;
  onChange(window: TimeWindow | null): void;
}) {
  if (!domain || domain.to - domain.from < DAY) {
    return <div className="time-filter time-filter--empty">No sighting dates to filter by.</div>;
  }
  const w = window ?? domain;
  const from = Math.max(domain.from, Math.min(w.from, domain.to));
  const to = Math.min(domain.to, Math.max(w.to, domain.from));
  const set = (next: TimeWindow) => onChange(next.from <= domain.from && next.to >= domain.to ? null : next);
  return (
    <div className="time-filter" role="group" aria-label="Time filter">
      <span className="time-filter__label">Seen between</span>
      <output data-testid="time-from">{formatEpoch(from)}</output>
      <div className="time-filter__track">
        <input
          type="range"
          aria-label="Window start"
          min={domain.from}
          max={domain.to}
          step={DAY}
          value={from}
          onChange={(e) => set({ from: Math.min(Number(e.target.value), to), to })}
        />
        <input
          type="range"
          aria-label="Window end"
          min={domain.from}
          max={domain.to}
          step={DAY}
          value={to}
          onChange={(e) => set({ from, to: Math.max(Number(e.target.value), from) })}
        />
      </div>
      <output data-testid="time-to">{formatEpoch(to)}</output>
      <button type="button" className="ghost small" disabled={window === null} onClick={() => onChange(null)}>
        All dates
      </button>
    </div>
  );
}
