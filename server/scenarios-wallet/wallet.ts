/**
 * The wallet generator: a peer-to-peer payments app / neobank wallet (sign-up with a mailbox and a phone, cards and
 * bank accounts as processor tokens, logins from handsets and networks, P2P transfers) over eighteen months, with
 * fraud typologies from payments-fraud practice planted among honest customers and their benign look-alikes.
 * Written without looking at the detector, as a fourth, independent test of it (`npm run generate -- --generator
 * wallet`). Everything is built in memory and written in time order; the same seed gives byte-identical files.
 */
import { Random } from '../generate/rng.ts';
import { isoSeconds, openScenarioFiles, type ScenarioSummary, type ScenarioTruth } from '../generate/scenario-files.ts';
import { fillIn, live } from './activity.ts';
import { extras } from './benign-extras.ts';
import { appScamCollectors, muleNetwork, roundTripping } from './fraud-money.ts';
import { bonusFarm, duplicatePair, syntheticIdentities } from './fraud-identity.ts';
import { accountTakeover, bustOut, cashOutCrew } from './fraud-access.ts';
import { populate, single } from './population.ts';
import { WINDOW_END, WINDOW_START, World } from './world.ts';

export const WALLET_TYPOLOGIES = [
  'money_mule_network',
  'app_scam_collectors',
  'round_tripping',
  'synthetic_identity',
  'duplicate_account',
  'bonus_farm',
  'account_takeover',
  'bust_out',
  'cash_out_crew',
] as const;
export type WalletTypology = (typeof WALLET_TYPOLOGIES)[number];

/** Members per planted group, smallest and largest. */
export const WALLET_SIZES: Record<WalletTypology, readonly [number, number]> = {
  money_mule_network: [4, 18],
  app_scam_collectors: [2, 5],
  round_tripping: [3, 6],
  synthetic_identity: [3, 10],
  duplicate_account: [2, 2],
  bonus_farm: [5, 24],
  account_takeover: [2, 8],
  bust_out: [3, 8],
  cash_out_crew: [3, 8],
};

/** Planted groups per 20,000 accounts (at least three of each at any size). */
const PER_20K: Record<WalletTypology, number> = {
  money_mule_network: 8,
  app_scam_collectors: 8,
  round_tripping: 6,
  synthetic_identity: 8,
  duplicate_account: 24,
  bonus_farm: 6,
  account_takeover: 8,
  bust_out: 6,
  cash_out_crew: 8,
};

export const WALLET_MIN_ACCOUNTS = 1_000;
/** Built in memory: 100,000 accounts (1.3 M links, 1.5 M payments) took 41 s and 0.97 GB peak RSS here. */
export const WALLET_MAX_ACCOUNTS = 200_000;

export type WalletTruth = ScenarioTruth<'wallet', WalletTypology, { victims?: string[] }>;
export type WalletSummary = ScenarioSummary<WalletTypology>;

export interface WalletOptions {
  seed: number;
  accounts: number;
  outDir: string;
}

export async function generateWallet({ seed, accounts, outDir }: WalletOptions): Promise<WalletSummary> {
  if (!Number.isInteger(accounts) || accounts < WALLET_MIN_ACCOUNTS || accounts > WALLET_MAX_ACCOUNTS)
    throw new RangeError(`accounts must be a whole number from ${WALLET_MIN_ACCOUNTS} to ${WALLET_MAX_ACCOUNTS}.`);
  const rng = new Random(seed);
  const w = new World(rng, seed, Math.max(10, Math.round(accounts / 150)));

  // The plan: how many groups of each typology and their sizes (small groups are the common ones).
  const plan: [WalletTypology, number][] = [];
  for (const t of WALLET_TYPOLOGIES) {
    const [lo, hi] = WALLET_SIZES[t];
    for (let i = Math.max(3, Math.round((PER_20K[t] * accounts) / 20_000)); i > 0; i--)
      plan.push([t, lo + Math.floor((hi - lo + 1) * rng.float() ** 1.6)]);
  }
  rng.shuffle(plan);
  const opened = plan.reduce((sum, [t, size]) => sum + (t === 'account_takeover' ? 0 : size), 0);

  const pop = populate(w, accounts - opened);
  live(w, pop);
  extras(w, pop);
  const households = new Set(pop.households.flatMap((h) => h.members));
  const recruits = pop.people.filter((p) => !households.has(p));
  const everyone = [...pop.people];
  for (const [t, size] of plan) {
    if (t === 'money_mule_network') muleNetwork(w, pop, recruits, everyone, size);
    else if (t === 'app_scam_collectors') appScamCollectors(w, pop, recruits, everyone, size);
    else if (t === 'round_tripping') roundTripping(w, pop, recruits, size);
    else if (t === 'synthetic_identity') syntheticIdentities(w, pop, size);
    else if (t === 'duplicate_account') duplicatePair(w, pop);
    else if (t === 'bonus_farm') bonusFarm(w, pop, size);
    else if (t === 'account_takeover') accountTakeover(w, pop, everyone, size);
    else if (t === 'bust_out') bustOut(w, pop, size);
    else cashOutCrew(w, pop, size);
  }
  while (w.accounts.length < accounts) fillIn(w, pop, single(w, pop));

  const out = await openScenarioFiles(outDir);
  const byTime =
    <T extends { at: number }>(key: (x: T) => string) =>
    (x: T, y: T) =>
      x.at - y.at || (key(x) < key(y) ? -1 : key(x) > key(y) ? 1 : 0);
  const accountsInOrder = [...w.accounts].sort((x, y) => x.createdAt - y.createdAt || (x.id < y.id ? -1 : 1));
  for (const a of accountsInOrder) out.account({ ...a, type: a.type, status: a.status, label: a.label });
  await out.flush();
  w.links.sort(byTime((l) => `${l.account}\u0000${l.kind}\u0000${l.value}`));
  for (let i = 0; i < w.links.length; i++) {
    out.link(w.links[i]!);
    if (i % 4096 === 4095) await out.flush();
  }
  w.payments.sort(byTime((p) => p.id));
  for (let i = 0; i < w.payments.length; i++) {
    out.payment(w.payments[i]!);
    if (i % 4096 === 4095) await out.flush();
  }

  const planted = new Set(w.groups.flatMap((g) => g.members));
  const confounders = w.confounders
    .map((c) => ({
      id: c.id,
      kind: c.kind,
      members: [...c.members].filter((m) => !planted.has(m)).sort(),
      values: c.values,
    }))
    .filter((c) => c.members.length >= 2);
  const truth: WalletTruth = {
    generator: 'wallet',
    version: 1,
    seed,
    accounts: w.accounts.length,
    window: [isoSeconds(WINDOW_START), isoSeconds(WINDOW_END)],
    groups: w.groups.map((g) => ({ ...g, typology: g.typology as WalletTypology })),
    confounders,
  };
  const rows = await out.finish(truth);

  const groups = Object.fromEntries(WALLET_TYPOLOGIES.map((t) => [t, 0])) as Record<WalletTypology, number>;
  for (const g of w.groups) groups[g.typology as WalletTypology]++;
  const confounderCounts: Record<string, number> = {};
  for (const c of confounders) confounderCounts[c.kind] = (confounderCounts[c.kind] ?? 0) + 1;
  return {
    outDir,
    ...rows,
    groups,
    fraudAccounts: planted.size,
    confounders: confounderCounts,
    files: out.files,
  };
}
