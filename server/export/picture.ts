/**
 * A picture of the evidence graph as standalone SVG, drawn without a browser so that API exports and the evidence
 * report always carry one: accounts on an outer circle, each identifier at the centroid of the accounts using it
 * (pulled inwards), colours by kind from the Okabe–Ito colour-blind-safe palette, known-fraud accounts ringed red.
 */
import type { RingEvidence } from './ring-evidence.ts';
import { escapeHtml } from '../lib/html.ts';

export const KIND_COLOURS: Record<string, string> = {
  account: '#0072B2',
  device: '#E69F00',
  payment: '#009E73',
  ip: '#56B4E9',
  email: '#CC79A7',
  phone: '#D55E00',
  address: '#F0E442',
};

export function toSvg(e: RingEvidence, size = 900): string {
  const c = size / 2;
  const r = size * 0.36;
  const pos = new Map<string, { x: number; y: number }>();
  const accounts = e.nodes.filter((n) => n.kind === 'account');
  accounts.forEach((n, i) => {
    const a = (2 * Math.PI * i) / Math.max(1, accounts.length) - Math.PI / 2;
    pos.set(n.id, { x: c + r * Math.cos(a), y: c + r * Math.sin(a) });
  });
  const usersOf = new Map<string, string[]>();
  for (const x of e.edges) if (x.kind === 'uses') usersOf.set(x.target, [...(usersOf.get(x.target) ?? []), x.source]);
  // Identifiers go on an inner circle, in the angular order of the accounts using them, evenly spaced so that
  // identifiers shared by the whole ring (whose centroid is the centre) do not pile up on one spot.
  const identifiers = e.nodes
    .filter((n) => n.kind !== 'account')
    .map((n) => {
      const us = (usersOf.get(n.id) ?? []).map((u) => pos.get(u)!).filter(Boolean);
      const mx = us.reduce((s, p) => s + p.x, 0) / Math.max(1, us.length) - c;
      const my = us.reduce((s, p) => s + p.y, 0) / Math.max(1, us.length) - c;
      return { n, angle: Math.atan2(my, mx) };
    })
    .sort((x, y) => x.angle - y.angle || x.n.id.localeCompare(y.n.id));
  const inner = identifiers.length > 1 ? r * 0.5 : 0;
  identifiers.forEach(({ n }, i) => {
    const a =
      (2 * Math.PI * i) / Math.max(1, identifiers.length) - Math.PI / 2 + Math.PI / Math.max(2, accounts.length);
    pos.set(n.id, { x: c + inner * Math.cos(a), y: c + inner * Math.sin(a) });
  });
  const edges = e.edges
    .map((x) => {
      const a = pos.get(x.source);
      const b = pos.get(x.target);
      if (!a || !b) return '';
      const colour = x.kind === 'paid' ? '#000000' : '#999999';
      const dash = x.kind === 'paid' ? ' stroke-dasharray="6 4"' : '';
      return `<line x1="${a.x.toFixed(1)}" y1="${a.y.toFixed(1)}" x2="${b.x.toFixed(1)}" y2="${b.y.toFixed(1)}" stroke="${colour}" stroke-width="1.2"${dash}/>`;
    })
    .join('');
  const nodes = e.nodes
    .map((n) => {
      const p = pos.get(n.id)!;
      const fill = KIND_COLOURS[n.kind] ?? '#777777';
      const known = n.accountLabel === 'known_fraud';
      const shape =
        n.kind === 'account'
          ? `<circle cx="${p.x.toFixed(1)}" cy="${p.y.toFixed(1)}" r="10" fill="${fill}"${known ? ' stroke="#C00000" stroke-width="4"' : ''}/>`
          : `<rect x="${(p.x - 8).toFixed(1)}" y="${(p.y - 8).toFixed(1)}" width="16" height="16" transform="rotate(45 ${p.x.toFixed(1)} ${p.y.toFixed(1)})" fill="${fill}" stroke="#333333"/>`;
      const label = n.label.length > 22 ? `${n.label.slice(0, 21)}…` : n.label;
      return `<g><title>${escapeHtml(`${n.kind} ${n.label}${n.sharers ? ` (used by ${n.sharers} accounts)` : ''}`)}</title>${shape}<text x="${(p.x + 13).toFixed(1)}" y="${(p.y + 4).toFixed(1)}" font-size="11" font-family="sans-serif">${escapeHtml(label)}</text></g>`;
    })
    .join('');
  const legend = Object.entries(KIND_COLOURS)
    .map(
      ([k, col], i) =>
        `<g transform="translate(12 ${16 + i * 18})"><rect width="12" height="12" fill="${col}"/><text x="18" y="10" font-size="11" font-family="sans-serif">${k}</text></g>`,
    )
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 ${size} ${size}" role="img" aria-label="Evidence graph of ${escapeHtml(e.ring.id)}"><rect width="100%" height="100%" fill="#ffffff"/>${edges}${nodes}${legend}<g transform="translate(12 ${16 + 7 * 18 + 6})"><circle cx="6" cy="6" r="6" fill="#0072B2" stroke="#C00000" stroke-width="3"/><text x="18" y="10" font-size="11" font-family="sans-serif">known fraud</text></g></svg>\n`;
}
