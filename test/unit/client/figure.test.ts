import { describe, expect, it } from 'vitest';
import { legendEntries } from '../../../contracts/kind-styles.ts';
import { FIGURE, figureLayout } from '../../../client/src/lib/figure.ts';
import { figureHeading } from '../../../client/src/features/export/utils/view-export.ts';

describe('the exported PNG figure', () => {
  const entries = legendEntries({ kinds: ['account', 'device', 'payment'], knownFraud: true, paid: true });

  it('puts the drawing under a title band and the legend under the drawing, on a canvas extended for both', () => {
    const f = figureLayout(3000, 1800, 3, entries);
    expect(f.width).toBe(3000);
    expect(f.graph).toEqual({ x: 0, y: FIGURE.titleBand * 3, width: 3000, height: 1800 });
    expect(f.separatorY).toBeGreaterThan(f.graph.y + f.graph.height);
    expect(f.items.map((i) => i.entry.id)).toEqual(['account', 'device', 'payment', 'known_fraud', 'paid']);
    for (const i of f.items) expect(i.y).toBeGreaterThan(f.separatorY);
    expect(f.height).toBeGreaterThan(f.items.at(-1)!.y + FIGURE.legendRow * 3 - 1);
  });

  it('widens a narrow drawing to fit its title and flows the legend into rows within the width', () => {
    const f = figureLayout(
      300,
      200,
      1,
      legendEntries({ kinds: ['account', 'device', 'payment', 'ip', 'email', 'phone'], paid: true }),
    );
    expect(f.width).toBe(FIGURE.minWidth);
    expect(f.graph.x).toBe((FIGURE.minWidth - 300) / 2);
    const rows = new Set(f.items.map((i) => i.y));
    expect(rows.size).toBeGreaterThan(1);
    for (const i of f.items) expect(i.x).toBeLessThan(f.width);
  });

  it('titles the figure with the view and when it was exported', () => {
    const h = figureHeading('Ring ring-1a2b', 'ring-1a2b', new Date('2026-12-02T05:40:00Z'));
    expect(h.title).toBe('Ring ring-1a2b');
    expect(h.subtitle).toBe('Exported from RingLens on 02 Dec 2026, 05:40 UTC');
    expect(figureHeading('Account a1', 'ring-9', new Date(0)).subtitle).toContain('ring ring-9');
  });
});
