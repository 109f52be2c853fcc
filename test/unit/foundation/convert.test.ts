import neo4j from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { toPlain } from '../../../server/db/convert.ts';

describe('toPlain (the Neo4j → JS boundary)', () => {
  it('turns integers into numbers, or strings when they do not fit', () => {
    expect(toPlain(neo4j.int(42))).toBe(42);
    expect(toPlain(neo4j.int('9223372036854775807'))).toBe('9223372036854775807');
  });

  it('turns temporals into ISO strings', () => {
    const dt = neo4j.types.DateTime.fromStandardDate(new Date('2026-03-04T05:06:07.000Z'));
    expect(toPlain(dt)).toBe('2026-03-04T05:06:07.000Z');
    expect(toPlain(new neo4j.types.Date(2026, 1, 2))).toBe('2026-01-02');
  });

  it('recurses through lists and maps, and unwraps nodes to their properties', () => {
    const node = new neo4j.types.Node(neo4j.int(1), ['Account'], { id: 'a1', score: neo4j.int(7) }, 'e1');
    expect(toPlain({ list: [neo4j.int(1), null, 'x'], node })).toEqual({
      list: [1, null, 'x'],
      node: { id: 'a1', score: 7 },
    });
  });
});
