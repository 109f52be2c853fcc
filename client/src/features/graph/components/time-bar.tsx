/**
 * The time bar under the graph: a histogram of the sightings (identifier links, by last sighting) and payments (by
 * last payment) on screen over the time filter's domain, with the chosen window shaded. Dragging across it (brushing)
 * sets the window, which fades what lies outside; the sliders of the time filter do the same from the keyboard.
 */
import { useMemo, useRef, useState, type PointerEvent } from 'react';
import type { GraphEdgeData } from '@contracts/investigate.ts';
import type { TimeWindow } from '@contracts/time-window.ts';

const BUCKETS = 48;
const HEIGHT = 34;

export function histogram(
  edges: Iterable<Pick<GraphEdgeData, 'kind' | 'firstSeen' | 'lastSeen'>>,
  domain: TimeWindow,
  buckets = BUCKETS,
): { sightings: number[]; payments: number[] } {
  const sightings = new Array<number>(buckets).fill(0);
  const payments = new Array<number>(buckets).fill(0);
  const span = Math.max(1, domain.to - domain.from);
  for (const e of edges) {
    const t = Date.parse(e.lastSeen ?? e.firstSeen ?? '');
    if (Number.isNaN(t)) continue;
    const i = Math.min(buckets - 1, Math.max(0, Math.floor(((t - domain.from) / span) * buckets)));
    (e.kind === 'paid' ? payments : sightings)[i]!++;
  }
  return { sightings, payments };
}

export function TimeBar({
  edges,
  domain,
  window,
  onChange,
}: {
  edges: ReadonlyMap<string, GraphEdgeData>;
  domain: TimeWindow | null;
  window: TimeWindow | null;
  onChange(window: TimeWindow | null): void;
}) {
  const svg = useRef<SVGSVGElement>(null);
  const [drag, setDragState] = useState<{ a: number; b: number } | null>(null);
  // Also kept in a ref: a quick click's pointerup can arrive before React renders the pointerdown.
  const dragRef = useRef<{ a: number; b: number } | null>(null);
  const setDrag = (d: { a: number; b: number } | null) => {
    dragRef.current = d;
    setDragState(d);
  };
  const bars = useMemo(() => (domain ? histogram(edges.values(), domain) : null), [edges, domain]);
  if (!domain || !bars) return null;
  const max = Math.max(1, ...bars.sightings.map((s, i) => s + bars.payments[i]!));
  const span = Math.max(1, domain.to - domain.from);
  const fraction = (clientX: number) => {
    const r = svg.current!.getBoundingClientRect();
    return Math.max(0, Math.min(1, (clientX - r.left) / Math.max(1, r.width)));
  };
  const shown = drag
    ? { from: Math.min(drag.a, drag.b), to: Math.max(drag.a, drag.b) }
    : window
      ? { from: (window.from - domain.from) / span, to: (window.to - domain.from) / span }
      : null;
  const onDown = (e: PointerEvent<SVGSVGElement>) => {
    e.currentTarget.setPointerCapture(e.pointerId);
    const f = fraction(e.clientX);
    setDrag({ a: f, b: f });
  };
  const onMove = (e: PointerEvent<SVGSVGElement>) => {
    if (dragRef.current) setDrag({ ...dragRef.current, b: fraction(e.clientX) });
  };
  const onUp = () => {
    const drag = dragRef.current;
    if (!drag) return;
    const a = Math.min(drag.a, drag.b);
    const b = Math.max(drag.a, drag.b);
    setDrag(null);
    // A click without a drag clears the window (the "All dates" button does too).
    if (b - a < 0.01) onChange(null);
    else onChange({ from: domain.from + a * span, to: domain.from + b * span });
  };
  const w = 100 / BUCKETS;
  return (
    <svg
      ref={svg}
      className="time-bar"
      data-testid="time-bar"
      viewBox={`0 0 100 ${HEIGHT}`}
      preserveAspectRatio="none"
      role="img"
      aria-label="Sightings and payments over time; drag across to filter the graph to a window"
      onPointerDown={onDown}
      onPointerMove={onMove}
      onPointerUp={onUp}
    >
      {bars.sightings.map((s, i) => {
        const p = bars.payments[i]!;
        const hs = (s / max) * (HEIGHT - 2);
        const hp = (p / max) * (HEIGHT - 2);
        return (
          <g key={i}>
            <rect className="time-bar__sightings" x={i * w + 0.1} width={w - 0.2} y={HEIGHT - hs} height={hs} />
            <rect className="time-bar__payments" x={i * w + 0.1} width={w - 0.2} y={HEIGHT - hs - hp} height={hp} />
          </g>
        );
      })}
      {shown && (
        <rect
          className="time-bar__window"
          data-testid="time-bar-window"
          x={shown.from * 100}
          width={Math.max(0.2, (shown.to - shown.from) * 100)}
          y={0}
          height={HEIGHT}
        />
      )}
    </svg>
  );
}
