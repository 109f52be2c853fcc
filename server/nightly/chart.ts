/**
 * A small inline SVG bar chart of flagged rings and pairs per nightly run (the report.html history). No script, no
 * external resources: it renders in any browser or mail client that shows SVG, and prints.
 */
import { escapeHtml } from '../lib/html.ts';

export interface ChartPoint {
  date: string;
  flagged: number;
  alerts: number;
}

export const CHART = { width: 640, height: 220, top: 16, right: 12, bottom: 36, left: 44 };

/** The smallest of 1, 2, 5 × 10^k that is at least `n` (so the axis ends on a round number). */
export function niceCeiling(n: number): number {
  if (n <= 1) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(n));
  for (const step of [1, 2, 5, 10]) if (step * magnitude >= n) return step * magnitude;
  return 10 * magnitude;
}

export function flaggedChartSvg(
  points: readonly ChartPoint[],
  title = 'Flagged rings and pairs per nightly run',
): string {
  const { width, height, top, right, bottom, left } = CHART;
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const open = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeHtml(title)}" font-family="system-ui, sans-serif" font-size="11">`;
  const parts = [open, `<title>${escapeHtml(title)}</title>`];
  if (points.length === 0) {
    parts.push(
      `<text x="${width / 2}" y="${height / 2}" text-anchor="middle" fill="#666">No runs yet</text>`,
      '</svg>',
    );
    return parts.join('');
  }
  const max = niceCeiling(Math.max(...points.map((p) => p.flagged)));
  const y = (v: number) => top + plotH - (v / max) * plotH;
  // A middle gridline only where it falls on a whole number of rings.
  for (const tick of max % 2 === 0 ? [0, max / 2, max] : [0, max]) {
    parts.push(
      `<line x1="${left}" x2="${width - right}" y1="${round(y(tick))}" y2="${round(y(tick))}" stroke="#ddd"/>`,
      `<text x="${left - 6}" y="${round(y(tick) + 4)}" text-anchor="end" fill="#555">${tick}</text>`,
    );
  }
  const slot = plotW / points.length;
  const barW = Math.max(2, Math.min(28, slot * 0.7));
  const labelEvery = Math.ceil(points.length / 8);
  points.forEach((p, i) => {
    const x = left + i * slot + (slot - barW) / 2;
    const h = (p.flagged / max) * plotH;
    const colour = p.alerts > 0 ? '#c0392b' : '#2c7fb8';
    const tip = `${p.date}: ${p.flagged} flagged, ${p.alerts} alert${p.alerts === 1 ? '' : 's'}`;
    parts.push(
      `<rect class="bar" x="${round(x)}" y="${round(y(p.flagged))}" width="${round(barW)}" height="${round(h)}" fill="${colour}" data-date="${escapeHtml(p.date)}" data-flagged="${p.flagged}" data-alerts="${p.alerts}"><title>${escapeHtml(tip)}</title></rect>`,
    );
    if (i % labelEvery === 0 || i === points.length - 1) {
      parts.push(
        `<text x="${round(x + barW / 2)}" y="${height - bottom + 14}" text-anchor="middle" fill="#555">${escapeHtml(p.date.slice(5))}</text>`,
      );
    }
  });
  parts.push(
    `<line x1="${left}" x2="${width - right}" y1="${top + plotH}" y2="${top + plotH}" stroke="#999"/>`,
    `<text x="${left}" y="${height - 6}" fill="#555">blue: no alerts · red: run with alerts</text>`,
    '</svg>',
  );
  return parts.join('');
}

function round(v: number): number {
  return Math.round(v * 10) / 10;
}
