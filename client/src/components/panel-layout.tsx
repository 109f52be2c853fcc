/**
 * The workbench frame: a side panel on each side of the centre, each collapsible and resizable (drag the handle, or
 * focus it and use ←/→). The centre never shrinks below its minimum (CSS), so the panels give way first; on a narrow
 * window (below NARROW_PX) the left panel starts closed and opens as a drawer over the centre instead of squeezing it.
 */
import {
  useCallback,
  useEffect,
  useState,
  type CSSProperties,
  type KeyboardEvent,
  type PointerEvent,
  type ReactNode,
} from 'react';

export const NARROW_PX = 1100;
const LIMITS = { left: { min: 260, max: 720, initial: 400 }, right: { min: 240, max: 640, initial: 340 } } as const;
const STEP = 24;

type Side = 'left' | 'right';

export interface PanelToggles {
  leftOpen: boolean;
  rightOpen: boolean;
  toggleLeft(): void;
  toggleRight(): void;
}

const clamp = (side: Side, w: number) => Math.max(LIMITS[side].min, Math.min(LIMITS[side].max, Math.round(w)));

function Handle({
  side,
  width,
  onWidth,
  label,
}: {
  side: Side;
  width: number;
  onWidth(w: number): void;
  label: string;
}) {
  const sign = side === 'left' ? 1 : -1;
  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    e.preventDefault();
    const startX = e.clientX;
    const startW = width;
    const target = e.currentTarget;
    target.setPointerCapture(e.pointerId);
    const move = (ev: globalThis.PointerEvent) => onWidth(clamp(side, startW + sign * (ev.clientX - startX)));
    const up = () => {
      target.removeEventListener('pointermove', move);
      target.removeEventListener('pointerup', up);
    };
    target.addEventListener('pointermove', move);
    target.addEventListener('pointerup', up);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const d = e.key === 'ArrowRight' ? STEP : e.key === 'ArrowLeft' ? -STEP : 0;
    if (d === 0) return;
    e.preventDefault();
    onWidth(clamp(side, width + sign * d));
  };
  return (
    <div
      className={`layout__handle layout__handle--${side}`}
      role="separator"
      aria-orientation="vertical"
      aria-label={label}
      aria-valuemin={LIMITS[side].min}
      aria-valuemax={LIMITS[side].max}
      aria-valuenow={width}
      tabIndex={0}
      onPointerDown={onPointerDown}
      onKeyDown={onKeyDown}
    />
  );
}

export function PanelLayout({
  left,
  right,
  centre,
  leftLabel,
  rightLabel,
}: {
  left: ReactNode;
  right: ReactNode;
  centre(toggles: PanelToggles): ReactNode;
  leftLabel: string;
  rightLabel: string;
}) {
  const narrow = () => window.innerWidth < NARROW_PX;
  const [leftOpen, setLeftOpen] = useState(() => !narrow());
  const [rightOpen, setRightOpen] = useState(true);
  const [isNarrow, setNarrow] = useState(narrow);
  const [leftW, setLeftW] = useState<number>(LIMITS.left.initial);
  const [rightW, setRightW] = useState<number>(LIMITS.right.initial);

  useEffect(() => {
    const onResize = () => {
      const n = narrow();
      setNarrow((was) => {
        // Crossing into a narrow window closes the left drawer, so it does not cover the graph by surprise;
        // widening the window again brings the panel back.
        if (n && !was) setLeftOpen(false);
        if (!n && was) setLeftOpen(true);
        return n;
      });
    };
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);

  const toggleLeft = useCallback(() => setLeftOpen((o) => !o), []);
  const toggleRight = useCallback(() => setRightOpen((o) => !o), []);
  const style = { '--left-w': `${leftW}px`, '--right-w': `${rightW}px` } as CSSProperties;
  const classes = ['layout', isNarrow ? 'layout--narrow' : '', leftOpen ? 'layout--left-open' : ''].join(' ');

  return (
    <main className={classes} style={style}>
      <aside className="layout__queue" hidden={!leftOpen} aria-label={leftLabel} id="layout-left">
        {isNarrow && (
          <button type="button" className="small layout__close" onClick={toggleLeft}>
            Close {leftLabel.toLowerCase()}
          </button>
        )}
        {left}
      </aside>
      {leftOpen && !isNarrow && <Handle side="left" width={leftW} onWidth={setLeftW} label={`Resize ${leftLabel}`} />}
      {centre({ leftOpen, rightOpen, toggleLeft, toggleRight })}
      {rightOpen && <Handle side="right" width={rightW} onWidth={setRightW} label={`Resize ${rightLabel}`} />}
      <aside className="layout__side" hidden={!rightOpen} aria-label={rightLabel} id="layout-right">
        {right}
      </aside>
    </main>
  );
}
