import { describe, expect, it } from 'vitest';
import type { AccountInfo, IdentifierGroup, PaymentEdge } from '../../../server/detect/input.ts';
import { detectRings } from '../../../server/detect/pipeline.ts';
import { day, findingOf, names, people } from './hand-made.ts';
import { placeholderMatcher } from '../../../server/detect/placeholders.ts';
import { EmailTemplates, canonicalAddress, sequentialPhoneMembers } from '../../../server/detect/templates.ts';

// Small hand-made graphs, one per failure class of issue 12.

describe('detection v2', () => {
  it('keeps a 10-account chain tied by one identifier per link (device, card, phone, email) as one flagged ring', async () => {
    const chain = names('chain', 10);
    const kinds = ['device', 'payment', 'phone', 'email'] as const;
    const groups: IdentifierGroup[] = [];
    for (let i = 0; i + 1 < chain.length; i++) {
      const kind = kinds[i % kinds.length];
      const key =
        kind === 'email' ? `link${i}.box@example.org` : kind === 'phone' ? `+1202555${1000 + i * 7}` : `${kind}-${i}`;
      groups.push({ kind, key, accounts: [chain[i], chain[i + 1]] });
    }
    // each member also has its own home IP, shared with no one
    const accounts = people(chain, (i) => ({ createdAt: day(i) }));
    const result = await detectRings({ groups, accounts });
    const ring = findingOf(result, 'chain-00')!;
    expect(ring.members).toEqual(chain);
    expect(ring.kind).toBe('ring');
    expect(ring.flagged).toBe(true);
    expect(result.rings.filter((r) => r.members.some((m) => m.startsWith('chain')))).toHaveLength(1);
  });

  it('splits only where ties are weak: two chains joined by one IP stay two rings', async () => {
    const a = names('a', 4);
    const b = names('b', 4);
    const groups: IdentifierGroup[] = [
      { kind: 'device', key: 'dev-a1', accounts: [a[0], a[1]] },
      { kind: 'payment', key: 'card-a2', accounts: [a[1], a[2]] },
      { kind: 'device', key: 'dev-a3', accounts: [a[2], a[3]] },
      { kind: 'device', key: 'dev-b1', accounts: [b[0], b[1]] },
      { kind: 'payment', key: 'card-b2', accounts: [b[1], b[2]] },
      { kind: 'device', key: 'dev-b3', accounts: [b[2], b[3]] },
      { kind: 'ip', key: '198.51.100.9', accounts: [a[3], b[0]] },
    ];
    const result = await detectRings({ groups, accounts: people([...a, ...b], (i) => ({ createdAt: day(i) })) });
    expect(findingOf(result, a[0])!.members).toEqual(a);
    expect(findingOf(result, b[0])!.members).toEqual(b);
  });

  it('does not make a ring of 25 strangers on a popular phone build, and lists the fingerprint', async () => {
    const strangers = names('s', 25);
    const groups: IdentifierGroup[] = [
      { kind: 'device', key: 'fp-iphone15-ios17.5-safari', accounts: strangers },
      // two couples among them share a home IP and an address
      { kind: 'ip', key: '10.0.0.1', accounts: [strangers[0], strangers[1]] },
      { kind: 'address', key: '1 elm street, northvale', accounts: [strangers[0], strangers[1]] },
      { kind: 'ip', key: '10.0.0.2', accounts: [strangers[2], strangers[3]] },
    ];
    // opened a month apart each, every one with phones of their own
    const result = await detectRings({ groups, accounts: people(strangers, (i) => ({ createdAt: day(i * 30) })) });
    expect(result.rings.filter((r) => r.flagged)).toEqual([]);
    expect(result.rings.some((r) => r.members.length > 2)).toBe(false);
    expect(result.excluded).toContainEqual({
      kind: 'device',
      key: 'fp-iphone15-ios17.5-safari',
      sharers: 25,
      reason: 'generic',
    });
  });

  it('still flags eight accounts on one device opened within days that use no other device (a farm, not a fingerprint)', async () => {
    const farm = names('farm', 8);
    const groups: IdentifierGroup[] = [{ kind: 'device', key: 'emulator-7', accounts: farm }];
    const accounts = people(farm, (i) => ({ createdAt: day(i / 4), devices: 1 }));
    const result = await detectRings({ groups, accounts });
    expect(result.excluded).toEqual([]);
    expect(findingOf(result, 'farm-00')).toMatchObject({ members: farm, flagged: true, kind: 'ring' });
  });

  it('flags a known-fraud pair with a reason naming both accounts and the identifier', async () => {
    const groups: IdentifierGroup[] = [{ kind: 'device', key: 'dev-shared', accounts: ['dup-1', 'dup-2'] }];
    const accounts = new Map<string, AccountInfo>([
      ['dup-1', { id: 'dup-1', label: 'known_fraud', createdAt: day(0), devices: 2 }],
      ['dup-2', { id: 'dup-2', label: 'unknown', createdAt: day(120), devices: 2 }],
    ]);
    const result = await detectRings({ groups, accounts });
    const pair = findingOf(result, 'dup-1')!;
    expect(pair).toMatchObject({ kind: 'pair', members: ['dup-1', 'dup-2'], flagged: true });
    expect(pair.id).toMatch(/^pair-[0-9a-f]{12}$/);
    expect(pair.reasons).toContain('dup-2 shares device dev-shared with known-fraud account dup-1');
    expect(pair.reasonPoints).toHaveLength(pair.reasons.length);
    expect(pair.reasonPoints.reduce((a, b) => a + b, 0)).toBeCloseTo(pair.features.points, 6);
    expect(result.counts).toMatchObject({ pairs: 1, flaggedPairs: 1 });
  });

  it('does not flag a couple sharing a tablet and a family card at their address', async () => {
    const groups: IdentifierGroup[] = [
      { kind: 'device', key: 'tab-1', accounts: ['c-1', 'c-2'] },
      { kind: 'payment', key: 'card-family', accounts: ['c-1', 'c-2'] },
      { kind: 'ip', key: '10.0.9.9', accounts: ['c-1', 'c-2'] },
    ];
    const accounts = new Map<string, AccountInfo>([
      ['c-1', { id: 'c-1', label: 'known_fraud', createdAt: day(0), addresses: ['5 oak road, northvale'] }],
      ['c-2', { id: 'c-2', label: 'unknown', createdAt: day(3), addresses: ['5 Oak Rd., Northvale'] }],
    ]);
    const result = await detectRings({ groups, accounts });
    expect(findingOf(result, 'c-1')?.flagged ?? false).toBe(false);
  });

  it('never lets a placeholder glue strangers together, and lists it', async () => {
    const typed = names('p', 13);
    const groups: IdentifierGroup[] = [
      { kind: 'phone', key: '+10000000000', accounts: typed },
      { kind: 'email', key: 'test@test.com', accounts: typed.slice(0, 4) },
    ];
    const result = await detectRings({ groups, accounts: people(typed) });
    expect(result.rings).toEqual([]);
    expect(result.excluded.map((e) => [e.key, e.reason])).toEqual([
      ['+10000000000', 'placeholder'],
      ['test@test.com', 'placeholder'],
    ]);
  });

  it('recognises placeholders by rule and from the configured list', () => {
    const is = placeholderMatcher({ device: ['default-device'] });
    expect(is('phone', '+10000000000')).toBe(true);
    expect(is('phone', '+15551234567')).toBe(true);
    // 123-456-7890 with the country code in front: the count reaches past the last seven digits
    expect(is('phone', '+11234567890')).toBe(true);
    expect(is('phone', '+12125558230')).toBe(false);
    expect(is('phone', '+12025550143')).toBe(false);
    expect(is('email', 'test@test.com')).toBe(true);
    expect(is('email', 'noreply@example.com')).toBe(true);
    expect(is('email', 'kara.x1@gmail.com')).toBe(false);
    expect(is('address', 'n/a')).toBe(true);
    expect(is('address', 'unknown')).toBe(true);
    expect(is('device', 'unknown')).toBe(true);
    expect(is('device', 'default-device')).toBe(true);
    expect(is('device', 'dev-91ab')).toBe(false);
  });

  it('links a money-mule chain that shares nothing but repeated pass-through payments', async () => {
    const mules = names('mule', 5);
    const payments: PaymentEdge[] = [];
    for (let i = 0; i + 1 < mules.length; i++) {
      payments.push({ payer: mules[i], payee: mules[i + 1], count: 3, total: 3000 * 0.95 ** i });
    }
    // ordinary shoppers paying a seller once each: no relay
    for (const buyer of names('buyer', 6)) payments.push({ payer: buyer, payee: 'seller', count: 1, total: 40 });
    const groups: IdentifierGroup[] = [{ kind: 'ip', key: '203.0.113.7', accounts: mules.slice(0, 3) }];
    const result = await detectRings({ groups, payments, accounts: people(mules, (i) => ({ createdAt: day(i * 2) })) });
    const ring = findingOf(result, 'mule-00')!;
    expect(ring.members).toEqual(mules);
    expect(ring.flagged).toBe(true);
    expect(ring.reasons[0]).toMatch(/^3 members pass money on/);
    expect(result.rings.some((r) => r.members.includes('seller'))).toBe(false);
  });

  it('links sign-ups made from one template: mark.s01@, mark.s02@, mark.s03@', async () => {
    const signups = names('t', 3);
    const groups: IdentifierGroup[] = signups.map((id, i) => ({
      kind: 'email',
      key: `mark.s0${i + 1}@example.com`,
      accounts: [id],
    }));
    // ordinary mailboxes with counters do not count up in a run
    groups.push({ kind: 'email', key: 'garcia_948@example.net', accounts: ['x-1'] });
    groups.push({ kind: 'email', key: 'garcia_15@example.net', accounts: ['x-2'] });
    groups.push({ kind: 'email', key: 'garcia_611@example.net', accounts: ['x-3'] });
    const accounts = people([...signups, 'x-1', 'x-2', 'x-3'], (i) => ({
      createdAt: day(i * 3),
      phones: [`+1478555500${i}`],
    }));
    const result = await detectRings({ groups, accounts });
    const ring = findingOf(result, 't-00')!;
    expect(ring.members).toEqual(signups);
    expect(ring.flagged).toBe(true);
    expect(ring.reasons).toContain('3 accounts use email addresses made from one template (mark.s##@example.com)');
    expect(ring.reasons.some((r) => r.startsWith('3 accounts have consecutive phone numbers'))).toBe(true);
    expect(result.rings.some((r) => r.members.includes('x-1'))).toBe(false);
  });

  it('has template helpers that read one address written three ways as one place', () => {
    expect(canonicalAddress('14 Birch Street, Northvale')).toBe(canonicalAddress('14 birch st., northvale'));
    expect(canonicalAddress('14 BIRCH ST NORTHVALE')).toBe(canonicalAddress('14 Birch Street, Northvale'));
    // the unit wherever it is written and however it is introduced; the ZIP code (and its +4) written or not
    const place = canonicalAddress('405 Elm Road Apt 9C, Clinton, NJ 08839');
    for (const other of [
      '405 Elm Rd. #9c, Clinton, NJ 08839',
      '405 Elm Rd Unit 9c Clinton NJ 08839-1234',
      '405 ELM ROAD APT 9C, CLINTON NJ',
      'Apt 9C, 405 Elm Rd, Clinton, NJ 08839',
    ])
      expect(canonicalAddress(other)).toBe(place);
    // other places stay apart: another unit, the house number and the unit swapped, another street
    expect(canonicalAddress('405 Elm Road Apt 9D, Clinton, NJ 08839')).not.toBe(place);
    expect(canonicalAddress('5 Main St Apt 12')).not.toBe(canonicalAddress('12 Main St Apt 5'));
    expect(canonicalAddress('405 Oak Road Apt 9C, Clinton, NJ 08839')).not.toBe(place);
    expect(sequentialPhoneMembers([['+14785555000'], ['+14785555001'], ['+14785555002'], ['+12025550100']])).toEqual([
      0, 1, 2,
    ]);
    const templates = new EmailTemplates();
    templates.add('anna.k01@example.org', ['a']);
    templates.add('anna.k02@example.org', ['b']);
    expect(templates.groups()).toEqual([]);
  });

  it('orders the queue without a wall at 100: stronger findings score higher but below 100', async () => {
    const big = names('big', 12);
    const small = names('small', 6);
    const groups: IdentifierGroup[] = [
      { kind: 'device', key: 'rack-1', accounts: big },
      { kind: 'payment', key: 'card-big', accounts: big },
      { kind: 'device', key: 'rack-2', accounts: small },
      { kind: 'payment', key: 'card-small', accounts: small },
    ];
    const accounts = people([...big, ...small], (i) => ({ createdAt: day(i / 10), devices: 1 }));
    accounts.set('big-00', { ...accounts.get('big-00')!, label: 'known_fraud' });
    const result = await detectRings({ groups, accounts });
    const scores = result.rings.map((r) => r.score);
    expect(scores[0]).toBeLessThan(100);
    expect(scores[0]).toBeGreaterThan(scores[1]);
    expect(result.rings[0].members).toEqual(big);
  });

  it("shows a known-fraud account at a flagged ring member's address with the ring, unscored; not a stranger, not a crowded address", async () => {
    const farm = names('farm', 5);
    const groups: IdentifierGroup[] = [
      { kind: 'device', key: 'farm-dev', accounts: farm },
      { kind: 'payment', key: 'farm-card', accounts: farm },
      // fraudster lives with farm-02; neighbour (not known fraud) with farm-03; an office address of 9 people
      { kind: 'address', key: '1 home street, northvale', accounts: ['farm-02', 'fraudster', 'housemate'] },
      { kind: 'address', key: '2 home street, northvale', accounts: ['farm-03', 'neighbour'] },
      { kind: 'address', key: '9 office park, northvale', accounts: ['farm-04', 'office-fraud', ...names('clerk', 7)] },
    ];
    const accounts = people(
      [...farm, 'fraudster', 'housemate', 'neighbour', 'office-fraud', ...names('clerk', 7)],
      (i) => ({
        createdAt: day(i / 10),
        devices: 1,
      }),
    );
    for (const id of ['fraudster', 'office-fraud']) accounts.set(id, { ...accounts.get(id)!, label: 'known_fraud' });
    const plain = await detectRings({ groups, accounts, settings: { attachMaxSharers: 0 } });
    const result = await detectRings({ groups, accounts });
    const ring = findingOf(result, 'farm-00')!;
    const before = findingOf(plain, 'farm-00')!;
    expect(before.members).toEqual(farm);
    expect(ring.flagged).toBe(true);
    expect(ring.members).toEqual([...farm, 'fraudster'].sort());
    expect(ring.score).toBe(before.score);
    const i = ring.reasons.findIndex((r) => r.includes('fraudster'));
    expect(ring.reasons[i]).toContain('1 home street, northvale');
    expect(ring.reasons[i]).toContain('farm-02');
    expect(ring.reasonPoints[i]).toBe(0);
    expect(ring.evidence).toContainEqual({
      a: 'fraudster',
      b: 'farm-02',
      kind: 'address',
      key: '1 home street, northvale',
    });
    expect(result.counts.attachedKnownFraud).toBe(1);
  });
});
