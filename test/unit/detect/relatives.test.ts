import { describe, expect, it } from 'vitest';
import type { IdentifierGroup, PaymentEdge } from '../../../server/detect/input.ts';
import { detectRings } from '../../../server/detect/pipeline.ts';
import { familyNameMembers } from '../../../server/detect/templates.ts';
import { day, findingOf, names, people } from './hand-made.ts';

// Relatives count as living together (round 11): one family name with different first names in the members'
// mailboxes, and a card or tablet used inside one household only is that household's.

describe('relatives: one family name, different first names', () => {
  // A family of four on one tablet and one family card, paying each other round and round (pocket money, rent
  // share); none of them gave an address, so nothing says they live together but their names.
  const family = names('kin', 4);
  const groups: IdentifierGroup[] = [
    { kind: 'device', key: 'tablet-1', accounts: family },
    { kind: 'payment', key: 'family-card', accounts: family.slice(0, 3) },
  ];
  const payments: PaymentEdge[] = family.flatMap((payer, i) =>
    family.filter((_, j) => j !== i).map((payee) => ({ payer, payee, count: 6, total: 300 })),
  );
  const mailboxes = [
    'otto.eastwick2007@example.com',
    'eastwick.ivo@example.org',
    'zenoeastwick301@inbox.example',
    'xeastwick@mail.example',
  ];

  it('reads a family whose mailboxes carry one surname as living together, and says so', async () => {
    const accounts = people(family, (i) => ({ createdAt: day(i * 40), emails: [mailboxes[i]!] }));
    const relatives = findingOf(await detectRings({ groups, payments, accounts }), family[0]);
    const strangers = findingOf(
      await detectRings({ groups, payments, accounts, settings: { scoreWeights: { familyNameLetters: 0 } } }),
      family[0],
    )!;
    // Without the term the same four are a flagged ring; with it, a family on its tablet and card.
    expect(strangers.members).toEqual(family);
    expect(strangers.flagged).toBe(true);
    expect(strangers.reasons.join('\n')).not.toMatch(/family name/);
    expect(relatives?.flagged ?? false).toBe(false);
    // Below the report threshold; reported at any score, it says why.
    const shown = findingOf(
      await detectRings({ groups, payments, accounts, settings: { reportThreshold: 0 } }),
      family[0],
    )!;
    expect(shown.score).toBeLessThan(strangers.score);
    expect(shown.reasons.join('\n')).toMatch(/^4 of 4 accounts carry one family name with different first names/m);
  });

  it('does not count a "family" opened within days, or one with a known-fraud or banned member', async () => {
    const base = { groups, payments, settings: { scoreWeights: { familyNameLetters: 0 } } };
    const strangers = findingOf(
      await detectRings({
        ...base,
        accounts: people(family, (i) => ({ createdAt: day(i * 40), emails: [mailboxes[i]!] })),
      }),
      family[0],
    )!;
    for (const accounts of [
      people(family, (i) => ({ createdAt: day(i * 3), emails: [mailboxes[i]!] })),
      people(family, (i) => ({
        createdAt: day(i * 40),
        emails: [mailboxes[i]!],
        ...(i === 2 ? { status: 'banned' } : {}),
      })),
      people(family, (i) => ({
        createdAt: day(i * 40),
        emails: [mailboxes[i]!],
        ...(i === 0 ? { label: 'known_fraud' as const } : {}),
      })),
    ]) {
      const finding = findingOf(await detectRings({ groups, payments, accounts }), family[0])!;
      expect(finding.flagged).toBe(true);
      expect(finding.reasons.join('\n')).not.toMatch(/family name/);
      expect(finding.score).toBeGreaterThanOrEqual(strangers.score);
    }
  });

  it('does not read one person’s accounts, or strangers who share a first name, as a family', async () => {
    const sameFirst = [
      'michael.smith71@example.com',
      'michael.jones@example.org',
      'michaelbrown55@example.net',
      'michael.lee.k@example.com',
    ];
    const onePerson = [
      'otto.eastwick2007@example.com',
      'ottoeastwick@example.org',
      'oeastwick@example.net',
      'real.ottoeastwick@example.com',
    ];
    for (const list of [sameFirst, onePerson]) {
      const accounts = people(family, (i) => ({ createdAt: day(i * 40), emails: [list[i]!] }));
      const finding = findingOf(await detectRings({ groups, payments, accounts }), family[0])!;
      expect(finding.flagged, list.join(' ')).toBe(true);
      expect(finding.reasons.join('\n')).not.toMatch(/family name/);
    }
  });

  it('discounts a card used inside one household fully, and one that reaches outside it by the share at home', async () => {
    // Three relatives share the family card; two outsiders share a phone with one of them and a card between them.
    const [a, b, c, x, y] = names('mixed', 5);
    const mixed: IdentifierGroup[] = [
      { kind: 'payment', key: 'home-card', accounts: [a, b, c] },
      { kind: 'device', key: 'shared-phone', accounts: [c, x, y] },
      { kind: 'payment', key: 'crew-card', accounts: [x, y] },
    ];
    const boxes = ['noorzamora1967@example.org', 'zamora.greta08@mail.example', 'uma.zamora@example.net'];
    const withNames = people([a, b, c, x, y], (i) => ({ createdAt: day(i * 40), emails: i < 3 ? [boxes[i]!] : [] }));
    const plain = people([a, b, c, x, y], (i) => ({ createdAt: day(i * 40) }));
    const points = async (accounts: typeof plain, key: string) => {
      const finding = findingOf(await detectRings({ groups: mixed, payments: [], accounts }), a)!;
      expect(finding.members).toEqual([a, b, c, x, y].sort());
      return finding.features.sharedIdentifiers.find((s) => s.key === key)!.points;
    };
    const home = { named: await points(withNames, 'home-card'), plain: await points(plain, 'home-card') };
    const crew = { named: await points(withNames, 'crew-card'), plain: await points(plain, 'crew-card') };
    // coResidentDiscount 0.8: the family's card × 0.2; the crew's card × (1 − 0.8 · 3/5) = 0.52.
    expect(home.named / home.plain).toBeCloseTo(0.2, 2);
    expect(crew.named / crew.plain).toBeCloseTo(0.52, 2);
  });
});

describe('households: a phone line is the family’s, one on two families’ accounts is nobody’s', () => {
  // Four accounts opened long ago in two homes (two at each address), all on one new phone number: an intruder's,
  // put on both families' accounts — not a phone line anybody shares at home.
  const [a, b, c, d] = names('homes', 4);
  const groups = (phoneUsers: string[]): IdentifierGroup[] => [
    { kind: 'phone', key: '+19195555314', accounts: phoneUsers },
    { kind: 'payment', key: 'card-ab', accounts: [a, b] },
    { kind: 'payment', key: 'card-cd', accounts: [c, d] },
  ];
  const accounts = people([a, b, c, d], (i) => ({
    createdAt: day(i * 40),
    addresses: [i < 2 ? '12 elm st|york' : '80 pine rd|bath'],
  }));
  const points = async (phoneUsers: string[], key: string) => {
    const finding = findingOf(
      await detectRings({ groups: groups(phoneUsers), payments: [], accounts, settings: { reportThreshold: 0 } }),
      phoneUsers[0]!,
    )!;
    return finding.features.sharedIdentifiers.find((s) => s.key === key)?.points ?? 0;
  };

  it('counts a phone number used in two households in full, and one used in one household a fifth', async () => {
    const acrossHomes = await points([a, b, c, d], '+19195555314');
    const plain = findingOf(
      await detectRings({
        groups: groups([a, b, c, d]),
        payments: [],
        accounts: people([a, b, c, d], (i) => ({ createdAt: day(i * 40) })),
        settings: { reportThreshold: 0 },
      }),
      a,
    )!.features.sharedIdentifiers.find((s) => s.key === '+19195555314')!.points;
    expect(acrossHomes).toBeCloseTo(plain, 5);
    // Each family's own card, inside its home, a fifth.
    expect(await points([a, b, c, d], 'card-ab')).toBeLessThan(plain);
    const atHome = findingOf(
      await detectRings({
        groups: groups([a, b]).slice(0, 2),
        payments: [],
        accounts,
        settings: { reportThreshold: 0 },
      }),
      a,
    )!.features.sharedIdentifiers.find((s) => s.key === '+19195555314')!.points;
    const strangers = findingOf(
      await detectRings({
        groups: groups([a, b]).slice(0, 2),
        payments: [],
        accounts: people([a, b, c, d], (i) => ({ createdAt: day(i * 40) })),
        settings: { reportThreshold: 0 },
      }),
      a,
    )!.features.sharedIdentifiers.find((s) => s.key === '+19195555314')!.points;
    expect(atHome / strangers).toBeCloseTo(0.2, 2);
  });

  it('counts the size of a finding made of households by the share of its members that do not live together', async () => {
    const size = async (opened: typeof accounts) =>
      findingOf(
        await detectRings({
          groups: groups([a, b, c, d]),
          payments: [],
          accounts: opened,
          settings: { reportThreshold: 0 },
        }),
        a,
      )!.features.scoreBreakdown.size;
    const plain = await size(people([a, b, c, d], (i) => ({ createdAt: day(i * 40) })));
    expect(plain).toBeGreaterThan(0);
    // All four live at one of two homes: a fifth. Only a and b at home: by the share at home (half), 1 − 0.8 · 0.5.
    expect((await size(accounts)) / plain).toBeCloseTo(0.2, 5);
    const half = people([a, b, c, d], (i) => ({ createdAt: day(i * 40), addresses: i < 2 ? ['12 elm st|york'] : [] }));
    expect((await size(half)) / plain).toBeCloseTo(0.6, 5);
  });
});

describe('familyNameMembers', () => {
  it('finds the family name at the end, or first in one mailbox and last in another', () => {
    expect(
      familyNameMembers(
        [
          ['noorzamora1967@example.org'],
          ['zamora.greta08@mail.example'],
          ['uma.zamora@example.net'],
          ['yara.valdivia@example.org'],
        ],
        6,
      ),
    ).toEqual({
      members: [0, 1, 2],
      mailboxes: ['noorzamora1967@example.org', 'uma.zamora@example.net', 'zamora.greta08@mail.example'],
      families: [[0, 1, 2]],
    });
    // `i…` and `f…` are two initials of one surname; two families in one finding stay two.
    expect(
      familyNameMembers(
        [
          ['iesterhazy06@example.com'],
          ['festerhazy@example.org'],
          ['juniper.lorcan@example.net'],
          ['leon.juniper55@example.net'],
        ],
        6,
      ).families,
    ).toEqual([
      [0, 1],
      [2, 3],
    ]);
  });

  it('leaves out one person’s mailboxes, an initial that may be a first name, and short or shared first names', () => {
    for (const pair of [
      ['cjackson8kd@yahoo.com', 'camilajackson3801@gmail.com'],
      ['cthibodeaux@post.example', 'real.cleothibodeaux@post.example'],
      ['john.smith@example.com', 'johnsmith77@example.org'],
      ['michael.smith@example.com', 'michael.jones@example.org'],
      ['anderson.k@example.com', 'henderson.p@example.org'],
      ['ann.lee@example.com', 'bob.lee@example.org'],
    ])
      expect(familyNameMembers([[pair[0]!], [pair[1]!]], 6).members, pair.join(' ')).toEqual([]);
  });

  it('does not take seven accounts named after one surname for a family, and is off at 0 letters', () => {
    const seven = ['anna', 'boris', 'carla', 'dmitri', 'elena', 'fyodor', 'galina'].map((f) => [
      `${f}.kowalski@example.com`,
    ]);
    expect(familyNameMembers(seven, 6).members).toEqual([]);
    expect(familyNameMembers(seven, 7).members).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(familyNameMembers(seven.slice(0, 3), 6, 0).members).toEqual([]);
  });
});
