import { describe, expect, it } from 'vitest';
import { statements } from '../../../server/db/cypher.ts';
import { schemaGroups } from '../../../server/db/database.ts';

const target = (text: string): string | undefined =>
  /FOR\s*\(\s*\w*\s*:\s*(\w+)\s*\)|FOR\s*\(\s*\)\s*-\s*\[\s*\w*\s*:\s*(\w+)\s*\]/.exec(text)?.slice(1).find(Boolean);

describe('schema statements grouped for concurrent application', () => {
  const schema = statements('schema');
  const groups = schemaGroups(schema);

  it('keeps every statement exactly once, in file order within its group', () => {
    expect(groups.flat().sort()).toEqual([...schema].sort());
    for (const g of groups) {
      const positions = g.map((s) => schema.indexOf(s));
      expect(positions).toEqual([...positions].sort((a, b) => a - b));
    }
  });

  it('puts all statements on one label or relationship type in one group, and no label in two groups', () => {
    const seen = new Map<string, number>();
    groups.forEach((g, i) => {
      const labels = new Set(g.map(target));
      expect(labels.size).toBe(1);
      const [label] = [...labels];
      expect(label).toBeDefined();
      expect(seen.has(label!)).toBe(false);
      seen.set(label!, i);
    });
    // The account key and the account label index share a group (side by side they deadlock on the label).
    const account = groups.find((g) => g.some((s) => s.includes('account_id')))!;
    expect(account.some((s) => s.includes('account_label'))).toBe(true);
    expect(groups.find((g) => g.some((s) => s.includes('in_ring_run')))).toHaveLength(1);
  });

  it('gives a statement on no label a group of its own', () => {
    expect(
      schemaGroups(['CALL db.awaitIndexes()', 'CREATE INDEX a FOR (n:A) ON (n.x)', 'CALL db.awaitIndexes()']),
    ).toEqual([['CALL db.awaitIndexes()', 'CALL db.awaitIndexes()'], ['CREATE INDEX a FOR (n:A) ON (n.x)']]);
  });
});
