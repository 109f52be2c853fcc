import { describe, expect, it } from 'vitest';
import { NODE_KINDS } from '../../../contracts/vocabulary.ts';
import { FRAUD_BORDER, KIND_STYLES, OKABE_ITO, PAYMENT_COLOR } from '../../../contracts/kind-styles.ts';
import { fraudLabel, graphStylesheet } from '../../../client/src/features/graph/cytoscape/graph-style.ts';

const rule = (selector: string) => graphStylesheet().find((r) => r.selector === selector)?.style;

describe('graph style by kind', () => {
  it('gives every node kind its own shape and its own colour', () => {
    const shapes = NODE_KINDS.map((k) => KIND_STYLES[k].shape);
    const colours = NODE_KINDS.map((k) => KIND_STYLES[k].color);
    expect(new Set(shapes).size).toBe(NODE_KINDS.length);
    expect(new Set(colours).size).toBe(NODE_KINDS.length);
  });

  it('takes kind colours from the Okabe–Ito palette (one neutral grey for addresses)', () => {
    const palette = new Set<string>(Object.values(OKABE_ITO));
    const off = NODE_KINDS.filter((k) => !palette.has(KIND_STYLES[k].color));
    expect(off).toEqual(['address']);
    // Vermillion is kept for path highlighting, never a kind.
    expect(NODE_KINDS.some((k) => KIND_STYLES[k].color === OKABE_ITO.vermillion)).toBe(false);
  });

  it('turns each kind into a Cytoscape rule', () => {
    for (const kind of NODE_KINDS) {
      expect(rule(`node[kind = "${kind}"]`)).toEqual({
        'background-color': KIND_STYLES[kind].color,
        shape: KIND_STYLES[kind].shape,
      });
    }
  });

  it('marks known-fraud accounts with a thick red border and a ⚠ in the label', () => {
    const fraud = rule('node[accountLabel = "known_fraud"]')!;
    expect(fraud['border-color']).toBe(FRAUD_BORDER.color);
    expect(fraud['border-width']).toBeGreaterThanOrEqual(5);
    expect(fraud.label).toBe(fraudLabel);
    expect(fraudLabel({ data: (k) => (k === 'label' ? 'acc-1' : undefined) })).toBe('⚠ acc-1');
  });

  it('labels edges with what links them and draws payments as arrows', () => {
    expect(rule('edge')!.label).toBe('data(label)');
    const paid = rule('edge[kind = "paid"]')!;
    expect(paid).toMatchObject({ 'target-arrow-shape': 'triangle', 'line-color': PAYMENT_COLOR });
    expect(paid.width).toBeGreaterThan(rule('edge')!.width as number);
  });

  it('uses only styles that the WebGL renderer draws as well (no dashed lines, no outlines)', () => {
    for (const r of graphStylesheet()) {
      const style = r.style as Record<string, unknown>;
      expect(style['line-style'], r.selector).toBeUndefined();
      expect(
        Object.keys(style).filter((k) => k.startsWith('outline')),
        r.selector,
      ).toEqual([]);
    }
    expect(rule('.pinned')).toMatchObject({ 'underlay-opacity': expect.any(Number) });
  });

  it('has rules for the view classes the sync sets', () => {
    for (const cls of ['.hidden', '.pinned', '.faded', '.dimmed', 'edge.path', 'node.path', '.expandable']) {
      expect(rule(cls), cls).toBeDefined();
    }
    expect(rule('.hidden')).toEqual({ display: 'none' });
  });
});
