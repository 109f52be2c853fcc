import { describe, expect, it } from 'vitest';
import type { AccountInfo, IdentifierGroup } from '../../../server/detect/input.ts';
import { detectRings, type AccountSightings } from '../../../server/detect/pipeline.ts';
import { seenKey } from '../../../server/detect/reentry.ts';
import { day, findingOf, people } from './hand-made.ts';

// A phone sold second hand, a number the carrier gave to someone new (handed-on.ts): two accounts that used one
// device one after the other, weeks apart, and share nothing else are its successive owners. Left in, the tie joins
// two unrelated families into one "ring".
const phone = seenKey('device', 'resold-phone');

/** Sightings on the resold phone: [first, last] in days after 2025-01-01. */
function sightings(seller: [number, number], buyer: [number, number]) {
  return {
    seller: { identifierSeen: { [phone]: [day(seller[0]), day(seller[1])] as [string, string] } },
    buyer: { identifierSeen: { [phone]: [day(buyer[0]), day(buyer[1])] as [string, string] } },
  };
}

describe('handed-on identifiers: a second-hand phone ties nobody', () => {
  const pair: IdentifierGroup[] = [{ kind: 'device', key: 'resold-phone', accounts: ['seller', 'buyer'] }];
  const accounts = (seen: ReturnType<typeof sightings>, extra: Record<string, Partial<AccountInfo>> = {}) =>
    people(['seller', 'buyer'], (i) => {
      const id = i === 0 ? 'seller' : 'buyer';
      return { ...seen[id], ...extra[id] };
    });

  it('leaves out a phone its second holder started using weeks after the first stopped, and lists it', async () => {
    const result = await detectRings({ groups: pair, accounts: accounts(sightings([0, 200], [260, 400])) });
    expect(findingOf(result, 'seller')).toBeUndefined();
    expect(result.counts.handedOnIdentifiers).toBe(1);
    expect(result.excluded).toContainEqual({ kind: 'device', key: 'resold-phone', sharers: 2, reason: 'handed-on' });
  });

  it('keeps the tie when the sightings do not show a change of hands', async () => {
    const cases: Array<[string, ReturnType<typeof sightings>]> = [
      ['used side by side', sightings([0, 200], [100, 400])],
      ['a changeover of days, not weeks', sightings([0, 200], [205, 400])],
      ['one sighting each: says nothing about who held it', sightings([0, 0], [300, 300])],
    ];
    for (const [what, seen] of cases) {
      const result = await detectRings({ groups: pair, accounts: accounts(seen) });
      expect(findingOf(result, 'seller')?.members, what).toEqual(['buyer', 'seller']);
      expect(result.counts.handedOnIdentifiers, what).toBe(0);
    }
    // No sightings at all: nothing is handed on.
    const bare = await detectRings({ groups: pair, accounts: people(['seller', 'buyer']) });
    expect(bare.counts.handedOnIdentifiers).toBe(0);
  });

  it('keeps the tie to a banned or known-fraud holder (a successor is re-entry) and between accounts tied otherwise', async () => {
    const seen = sightings([0, 200], [260, 400]);
    for (const extra of [{ seller: { status: 'banned' } }, { seller: { label: 'known_fraud' as const } }]) {
      const result = await detectRings({ groups: pair, accounts: accounts(seen, extra) });
      expect(result.counts.handedOnIdentifiers, JSON.stringify(extra)).toBe(0);
      expect(findingOf(result, 'buyer'), JSON.stringify(extra)).toBeDefined();
    }
    const sameCard: IdentifierGroup[] = [...pair, { kind: 'payment', key: 'card-1', accounts: ['seller', 'buyer'] }];
    const result = await detectRings({ groups: sameCard, accounts: accounts(seen) });
    expect(result.counts.handedOnIdentifiers).toBe(0);
    expect(findingOf(result, 'seller')?.members).toEqual(['buyer', 'seller']);
  });

  it('is off with handedOn.kinds []', async () => {
    const result = await detectRings({
      groups: pair,
      accounts: accounts(sightings([0, 200], [260, 400])),
      settings: { handedOn: { kinds: [], gapDays: 14 } },
    });
    expect(result.counts.handedOnIdentifiers).toBe(0);
    expect(findingOf(result, 'seller')).toBeDefined();
  });

  it('asks a database source for the sightings of the candidates’ accounts only', async () => {
    const seen = sightings([0, 200], [260, 400]);
    const infos = accounts(seen);
    const bare = new Map([...infos].map(([id, { identifierSeen: _, ...info }]) => [id, info as AccountInfo]));
    const asked: string[][] = [];
    const result = await detectRings({
      groups: [...pair, { kind: 'device', key: 'farm-phone', accounts: ['f1', 'f2', 'f3'] }],
      accounts: async (ids) => ids.flatMap((id) => bare.get(id) ?? { id, label: 'unknown' as const }),
      sightings: async (ids): Promise<AccountSightings[]> => {
        asked.push([...ids]);
        return ids.flatMap((id) => (infos.get(id) ? [{ id, identifierSeen: infos.get(id)!.identifierSeen }] : []));
      },
    });
    expect(asked[0]).toEqual(['buyer', 'seller']);
    expect(result.counts.handedOnIdentifiers).toBe(1);
    expect(findingOf(result, 'seller')).toBeUndefined();
  });

  it('keeps two families apart that a resold phone would join into one ring', async () => {
    // Each family: three accounts at one address on the family card and the home IP, paying each other.
    const family = (name: string, start: number) => {
      const ids = [0, 1, 2].map((i) => `${name}-${i}`);
      return {
        ids,
        groups: [
          { kind: 'address', key: `${name} street 1`, accounts: ids },
          { kind: 'payment', key: `${name}-card`, accounts: ids },
          { kind: 'ip', key: `10.0.${start}.1`, accounts: ids },
          { kind: 'device', key: `${name}-tablet`, accounts: ids.slice(0, 2) },
        ] satisfies IdentifierGroup[],
        infos: people(ids, (i) => ({ createdAt: day(start + i * 300), addresses: [`${name} street 1`] })),
      };
    };
    const a = family('ames', 0);
    const b = family('brook', 1);
    const bridge: IdentifierGroup = { kind: 'device', key: 'resold-phone', accounts: ['ames-2', 'brook-0'] };
    const infos = new Map([...a.infos, ...b.infos]);
    const seen = sightings([0, 200], [260, 400]);
    infos.set('ames-2', { ...infos.get('ames-2')!, ...seen.seller });
    infos.set('brook-0', { ...infos.get('brook-0')!, ...seen.buyer });
    const groups = [...a.groups, ...b.groups, bridge];
    const off = await detectRings({ groups, accounts: infos, settings: { handedOn: { kinds: [], gapDays: 14 } } });
    // Without the test the phone joins the two families into one finding.
    expect(findingOf(off, 'ames-2')?.members).toContain('brook-0');
    const on = await detectRings({ groups, accounts: infos });
    for (const finding of on.rings) {
      const families = new Set(finding.members.map((m) => m.split('-')[0]));
      expect(families.size, finding.members.join(' ')).toBe(1);
    }
  });
});
