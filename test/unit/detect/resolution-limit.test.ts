import louvain from 'graphology-communities-louvain';
import { describe, expect, it } from 'vitest';
import { detectAdjacencyCommunities } from '../../../server/detect/communities.ts';
import type { AccountInfo, IdentifierGroup } from '../../../server/detect/input.ts';
import { detectRings } from '../../../server/detect/pipeline.ts';
import { ProjectionBuilder } from '../../../server/detect/projection.ts';
import { mulberry32 } from '../../../server/detect/rng.ts';
import { DEFAULT_SETTINGS } from '../../../server/detect/settings.ts';
import { background } from './synthetic.ts';

// Fortunato & Barthélemy (2007): on a big graph, modularity merges a small dense group into a neighbour. The ring
// below is four accounts on one device and one card, tied to a 30 000-account background only through the carrier
// IP one of them shares with a dozen strangers.
const ring = ['ring-a', 'ring-b', 'ring-c', 'ring-d'];

function scenario(): IdentifierGroup[] {
  const bg = background(30_000, 11);
  const groups = bg.groups.map((g) => (g.key === bg.natIps[3] ? { ...g, accounts: [...g.accounts, 'ring-a'] } : g));
  groups.push({ kind: 'device', key: 'd-farm', accounts: ring });
  groups.push({ kind: 'payment', key: 'c-farm', accounts: ring });
  return groups;
}

describe('resolution limit', () => {
  it('finds a four-account ring hanging off a large background by one shared IP', { timeout: 180_000 }, async () => {
    const groups = scenario();
    const builder = new ProjectionBuilder(DEFAULT_SETTINGS);
    groups.forEach((g) => builder.addGroup(g));
    const projection = builder.build();
    const a = projection.indexOf('ring-a');

    // the failure being guarded against: whole-graph Louvain, and per-component Louvain without refinement, both
    // put the ring in with background accounts
    const whole = louvain(projection.toGraph(), { rng: mulberry32(1) });
    expect(Object.keys(whole).filter((id) => whole[id] === whole['ring-a']).length).toBeGreaterThan(4);
    const unrefined = detectAdjacencyCommunities(projection.adjacency, { ...DEFAULT_SETTINGS, refineDepth: 0 });
    expect(unrefined.parts.find((part) => part.includes(a))!.length).toBeGreaterThan(4);
    // the repair: refinement re-partitions each community on its own (used for parts too big to keep whole)
    const refined = detectAdjacencyCommunities(projection.adjacency, DEFAULT_SETTINGS);
    const own = refined.parts.find((part) => part.includes(a))!;
    expect(own.map((node) => projection.accountId(node)).sort()).toEqual(ring);

    // the ring's accounts were opened within two days of each other; the background's dates are unknown
    const opened = (id: string): string | undefined =>
      ring.includes(id) ? new Date(Date.UTC(2025, 4, 2) + ring.indexOf(id) * 12 * 3_600_000).toISOString() : undefined;
    const accounts = (ids: readonly string[]): AccountInfo[] =>
      ids.map((id) => ({ id, label: 'unknown', createdAt: opened(id) }));
    const result = await detectRings({ groups, accounts });
    const found = result.rings.find((r) => r.members.includes('ring-a'));
    expect(found?.members).toEqual(ring);
    expect(found?.flagged).toBe(true);
    expect(found?.reasons).toEqual(
      expect.arrayContaining(['4 accounts share device d-farm', '4 accounts use card c-farm']),
    );
    // the pipeline partitions on strong ties first: the carrier IP never puts the ring with the background at all
    expect(result.counts.components.refinementSplits).toBe(0);
    expect(result.counts.partition.largestPart).toBeLessThan(100);
  });
});
