import { describe, expect, it } from 'vitest';
import type { AccountInfo, IdentifierGroup } from '../../../server/detect/input.ts';
import { detectRings, type DetectRingsInput } from '../../../server/detect/pipeline.ts';
import { day, findingOf, names, people } from './hand-made.ts';

// An organisation lends its people what it uses itself (organisations.ts): a corporate travel desk's card, the
// office network, the front-desk PC. Eight employees onboarded in one week on the company card behind the office IP
// read exactly like a ring — unless the company's own account says it is one.
describe('organisations: what a company lends its people ties nobody', () => {
  const company = 'acme';
  const staff = names('employee', 8);
  const groups: IdentifierGroup[] = [
    { kind: 'payment', key: 'corp-card', accounts: [company, ...staff] },
    { kind: 'ip', key: '198.51.100.20', accounts: [company, ...staff] },
    { kind: 'device', key: 'front-desk-pc', accounts: [company, ...staff.slice(0, 3)] },
  ];
  const accounts = (org: Partial<AccountInfo> = {}) =>
    new Map([
      [
        company,
        { id: company, label: 'unknown', type: 'Business', createdAt: day(0), devices: 1, ...org } as AccountInfo,
      ],
      ...people(staff, (i) => ({ createdAt: day(100 + (i % 3)), type: 'personal' })),
    ]);
  const run = (input: Partial<DetectRingsInput> = {}) => detectRings({ groups, accounts: accounts(), ...input });

  it('reads as a flagged ring when organisation types are ignored (the case the rule is for)', async () => {
    const ring = findingOf(await run({ settings: { organisationTypes: [] } }), staff[0]!);
    expect(ring?.flagged).toBe(true);
    expect(ring!.members.length).toBeGreaterThanOrEqual(staff.length);
  });

  it('leaves the company account’s card, network and PC out and lists them with reason organisation', async () => {
    const result = await run();
    for (const id of [company, ...staff]) expect(findingOf(result, id), id).toBeUndefined();
    expect(result.counts.organisationIdentifiers).toBe(3);
    expect(result.excluded.filter((e) => e.reason === 'organisation').map((e) => e.key)).toEqual(
      expect.arrayContaining(['corp-card', '198.51.100.20', 'front-desk-pc']),
    );
  });

  it('still flags a shell company: an organisation account that is known fraud or banned ties its accounts', async () => {
    for (const org of [{ label: 'known_fraud' as const }, { status: 'banned' }]) {
      const result = await detectRings({ groups, accounts: accounts(org) });
      expect(findingOf(result, staff[0]!)?.flagged, JSON.stringify(org)).toBe(true);
      expect(result.counts.organisationIdentifiers).toBe(0);
    }
  });

  it('still finds a ring inside the company through the members’ own ties', async () => {
    const [a, b] = staff as [string, string];
    const result = await run({
      groups: [
        ...groups,
        { kind: 'device', key: 'burner-phone', accounts: [a, b] },
        { kind: 'phone', key: '+12025550188', accounts: [a, b] },
      ],
    });
    expect(findingOf(result, a)?.members).toEqual([a, b]);
    expect(findingOf(result, staff[5]!)).toBeUndefined();
  });

  it('finds organisations through a lookup the same way, when the input can list accounts by type', async () => {
    const map = accounts();
    const lookup = (ids: readonly string[]) => ids.flatMap((id) => (map.has(id) ? [map.get(id)!] : []));
    const byType = (types: readonly string[]) =>
      [...map.values()].filter((a) => a.type && types.includes(a.type.toLowerCase())).map((a) => a.id);
    const viaLookup = await detectRings({ groups, accounts: lookup, organisationAccounts: byType });
    const viaMap = await run();
    expect(viaLookup.rings).toEqual(viaMap.rings);
    expect(viaLookup.counts.organisationIdentifiers).toBe(3);
    // Without the listing a lookup cannot say who is an organisation: nothing is left out.
    const blind = await detectRings({ groups, accounts: lookup });
    expect(blind.counts.organisationIdentifiers).toBe(0);
  });
});

// A merchant's own tablet lends nothing to accounts that order from it again and again: made-up custom (a restaurant
// ordering from itself through accounts it runs), not its staff, who buy a meal now and then on the same tablet.
describe('organisations: an organisation’s made-up custom is not its people', () => {
  const shop = 'noodle-bar';
  const eaters = names('eater', 3);
  const groups: IdentifierGroup[] = [
    { kind: 'device', key: 'counter-tablet', accounts: [shop, ...eaters] },
    { kind: 'payment', key: 'owner-card', accounts: eaters },
  ];
  const accounts = new Map([
    [shop, { id: shop, label: 'unknown', type: 'Merchant', createdAt: day(0), devices: 1 } as AccountInfo],
    ...people(eaters, (i) => ({ createdAt: day(200 + i * 15), devices: 1, type: 'rider' })),
  ]);
  const orders = (each: number) => eaters.map((e) => ({ payer: e, payee: shop, count: each, total: each * 21.5 }));

  it('keeps the tablet as a tie when two or more sharers each paid the merchant 8 times or more', async () => {
    const result = await detectRings({ groups, accounts, payments: orders(12) });
    expect(result.counts.organisationIdentifiers).toBe(0);
    const ring = findingOf(result, eaters[0]!)!;
    expect(ring.members).toEqual([...eaters, shop].sort());
    expect(ring.flagged).toBe(true);
  });

  it('lends the tablet as before to staff who order a few times, and with the test off', async () => {
    for (const [what, input] of [
      ['three orders each', { payments: orders(3) }],
      ['test off', { payments: orders(12), settings: { funnel: { regularTransfers: 0 } } }],
    ] as const) {
      const result = await detectRings({ groups, accounts, ...input } as DetectRingsInput);
      expect(result.counts.organisationIdentifiers, what).toBe(1);
      expect(result.excluded.find((e) => e.key === 'counter-tablet')?.reason, what).toBe('organisation');
      expect(findingOf(result, shop), what).toBeUndefined();
    }
  });
});
