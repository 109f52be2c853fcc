import { describe, expect, it } from 'vitest';
import { NodeMarks } from '../../../server/detect/adjacency.ts';
import { detectAdjacencyCommunities } from '../../../server/detect/communities.ts';
import type { IdentifierGroup, PaymentEdge } from '../../../server/detect/input.ts';
import { ProjectionBuilder } from '../../../server/detect/projection.ts';
import type { Projection } from '../../../server/detect/projection-graph.ts';
import { mergeAtPivots, trimWeakMembers } from '../../../server/detect/ring-repair.ts';
import { resolveSettings, type DetectionSettingsInput } from '../../../server/detect/settings.ts';

const names = (prefix: string, n: number): string[] => Array.from({ length: n }, (_, i) => `${prefix}-${i}`);

function project(groups: IdentifierGroup[], settings: DetectionSettingsInput = {}, payments: PaymentEdge[] = []) {
  const resolved = resolveSettings(settings);
  const builder = new ProjectionBuilder(resolved);
  groups.forEach((g) => builder.addGroup(g));
  payments.forEach((p) => builder.addPayment(p));
  const projection = builder.build();
  return { projection, settings: resolved };
}

function communities(projection: Projection, settings: ReturnType<typeof resolveSettings>): string[][] {
  return detectAdjacencyCommunities(projection.adjacency, settings)
    .parts.map((part) => part.map((node) => projection.accountId(node)))
    .filter((part) => part.length > 1);
}

/** Communities, then the pivot merge, as the pipeline runs them; accounts named and sorted. */
function merged(projection: Projection, settings: ReturnType<typeof resolveSettings>) {
  const parts = detectAdjacencyCommunities(projection.adjacency, settings).parts;
  const result = mergeAtPivots(projection, parts, settings, new Int32Array(projection.order));
  const named = result.parts
    .map((part) => part.map((node) => projection.accountId(node)).sort())
    .filter((part) => part.length > 1)
    .sort((x, y) => (x[0] < y[0] ? -1 : 1));
  return { named, merges: result.merges, before: parts.filter((part) => part.length > 1).length };
}

/** A device farm as the generator plants it: devices of 10 accounts each, chained by one account on two devices. */
function farm(devices: number): { members: string[]; groups: IdentifierGroup[] } {
  const members = names('farm', devices * 10);
  const groups: IdentifierGroup[] = [];
  for (let d = 0; d < devices; d++) {
    const on = members.slice(d * 10, d * 10 + 10);
    if (d > 0) on.push(members[(d - 1) * 10]); // the operator's account logs into the next device too
    groups.push({ kind: 'device', key: `dev-${d}`, accounts: on });
  }
  groups.push({ kind: 'ip', key: 'proxy-1', accounts: members.filter((_, i) => i % 2 === 0) });
  groups.push({ kind: 'ip', key: 'proxy-2', accounts: members.filter((_, i) => i % 2 === 1) });
  return { members, groups };
}

describe('pivot merge', () => {
  it('puts a farm split per device back together at the accounts that use two devices', () => {
    const { members, groups } = farm(4);
    const { projection, settings } = project(groups);
    const result = merged(projection, settings);
    expect(result.before).toBeGreaterThan(1);
    expect(result.named).toEqual([[...members].sort()]);
    expect(result.merges).toBe(result.before - 1);
  });

  it('puts a card gang back together at the account paying with two of its cards', () => {
    const gang = names('gang', 12);
    const { projection, settings } = project([
      { kind: 'payment', key: 'card-1', accounts: gang.slice(0, 7) },
      { kind: 'payment', key: 'card-2', accounts: [gang[0], ...gang.slice(7)] },
    ]);
    expect(communities(projection, settings)).toHaveLength(2);
    expect(merged(projection, settings).named).toEqual([[...gang].sort()]);
  });

  it('does not merge through an identifier shared with one account only, nor through an IP', () => {
    // x shares a mailbox with one member of B: a couple, not a crowd
    const a = names('a', 5);
    const b = names('b', 5);
    const { projection, settings } = project([
      { kind: 'device', key: 'dev-a', accounts: a },
      { kind: 'device', key: 'dev-b', accounts: b },
      { kind: 'email', key: 'shared@example.com', accounts: [a[0], b[0]] },
      { kind: 'ip', key: 'cafe', accounts: [a[1], ...b] },
    ]);
    const result = merged(projection, settings);
    expect(result.merges).toBe(0);
    expect(result.named).toEqual([a, b]);
  });

  it('can be switched off', () => {
    const { groups } = farm(3);
    const { projection, settings } = project(groups, { pivotMinPeers: 0 });
    expect(merged(projection, settings).merges).toBe(0);
  });

  it('does not merge two households through a freelancer both pay', () => {
    const a = names('home-a', 3);
    const b = names('home-b', 3);
    const { projection, settings } = project(
      [
        { kind: 'device', key: 'tablet-a', accounts: a },
        { kind: 'device', key: 'tablet-b', accounts: b },
      ],
      { paymentEdges: 'link' },
      [
        { payer: a[0], payee: 'freelancer', count: 1, total: 80 },
        { payer: b[0], payee: 'freelancer', count: 1, total: 45 },
      ],
    );
    const found = merged(projection, settings).named;
    expect(found.some((part) => part.includes(a[0]) && part.includes(b[0]))).toBe(false);
  });
});

describe('trimming', () => {
  it('drops an account tied to a ring only by a home IP it shares with one member', () => {
    const ring = names('ring', 4);
    const { projection, settings } = project([
      { kind: 'device', key: 'emulator', accounts: ring },
      { kind: 'ip', key: 'home-of-stranger', accounts: [ring[0], 'stranger'] },
    ]);
    expect(communities(projection, settings)).toEqual([ring]);
    const untrimmed = project(
      [
        { kind: 'device', key: 'emulator', accounts: ring },
        { kind: 'ip', key: 'home-of-stranger', accounts: [ring[0], 'stranger'] },
      ],
      { trimMinWeight: 0 },
    );
    expect(communities(untrimmed.projection, untrimmed.settings)).toEqual([[...ring, 'stranger'].sort()]);
  });

  it('splits what is left into connected parts', () => {
    // x–y and z–w hang together only through `hub`, tied to them by one IP each (0.3 in all)
    const { projection } = project([
      { kind: 'device', key: 'd-1', accounts: ['x', 'y'] },
      { kind: 'device', key: 'd-2', accounts: ['z', 'w'] },
      { kind: 'ip', key: 'ip-1', accounts: ['hub', 'y'] },
      { kind: 'ip', key: 'ip-2', accounts: ['hub', 'z'] },
    ]);
    const all = projection.adjacency.ids.map((_, i) => i);
    const { parts, trimmed } = trimWeakMembers(
      projection.adjacency,
      [all],
      { trimMinWeight: 0.35, minRingSize: 3 },
      new NodeMarks(all.length),
    );
    expect(trimmed).toBe(1);
    const named = parts.map((part) => part.map((node) => projection.accountId(node)).sort()).sort();
    expect(named).toEqual([['hub'], ['w', 'z'], ['x', 'y']]);
  });
});
