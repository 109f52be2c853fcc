/**
 * The sportsbook generator: an online sportsbook, casino and poker room licensed in four US states and Ontario, over
 * eighteen months. Players register (mailbox, phone, address), log in from handsets, laptops and networks, deposit and
 * withdraw with cards, e-wallets, bank accounts and prepaid vouchers (as processor tokens), and play peer-to-peer
 * poker, where each hand's pot goes from loser to winner and players may transfer funds to each other (the only money
 * between accounts a sportsbook has). Planted fraud: bonus abuse, affiliate fraud, re-registration of excluded or
 * banned players, account rental, chip dumping, poker collusion, stolen-card rings, money laundering, matched-betting
 * syndicates and match-fixing insiders; honest look-alikes in the ground truth's `confounders`.
 * Written without looking at the detector (issue #12): a held-out judge of detection quality.
 */
import { openScenarioFiles, type ScenarioSummary, type ScenarioTruth } from '../generate/scenario-files.ts';
import { Ids } from './ids.ts';
import { Life, Pools } from './life.ts';
import { accountRental, affiliateFraud, bonusAbuse, reRegistration } from './fraud-accounts.ts';
import { matchedBetting, matchFixing, moneyLaundering, stolenCardRing } from './fraud-money.ts';
import { chipDumping, pokerCollusion } from './fraud-poker.ts';
import { homeGameClub, highStakesRegulars, staking, Tables } from './poker.ts';
import { resolveConfounders, writeWorld } from './output.ts';
import {
  familyCard,
  flatmates,
  friendsSettlingUp,
  household,
  recycledHomeIp,
  secondHandPhone,
  tipsterFollowers,
} from './social.ts';
import { bettingShop, infrastructure, office, placeholders, sportsBar, stadium, studentHalls } from './venues.ts';
import { World, type Player } from './world.ts';

export const SPORTSBOOK_TYPOLOGIES = [
  'bonus_abuse',
  'affiliate_fraud',
  're_registration',
  'account_rental',
  'chip_dumping',
  'poker_collusion',
  'stolen_card_ring',
  'money_laundering',
  'matched_betting_syndicate',
  'match_fixing_insiders',
] as const;
export type SportsbookTypology = (typeof SPORTSBOOK_TYPOLOGIES)[number];

/** Members per planted group (a group of two is a pair). */
export const SPORTSBOOK_SIZES: Record<SportsbookTypology, readonly [number, number]> = {
  bonus_abuse: [3, 14],
  affiliate_fraud: [5, 24],
  re_registration: [2, 2],
  account_rental: [2, 8],
  chip_dumping: [3, 9],
  poker_collusion: [2, 4],
  stolen_card_ring: [3, 10],
  money_laundering: [3, 8],
  matched_betting_syndicate: [4, 14],
  match_fixing_insiders: [3, 8],
};

/** Planted groups per 1,000 accounts (at least three of each). */
const RATES: Record<SportsbookTypology, number> = {
  bonus_abuse: 1.2,
  affiliate_fraud: 0.4,
  re_registration: 1.5,
  account_rental: 0.6,
  chip_dumping: 0.6,
  poker_collusion: 0.6,
  stolen_card_ring: 0.7,
  money_laundering: 0.5,
  matched_betting_syndicate: 0.5,
  match_fixing_insiders: 0.4,
};

export const SPORTSBOOK_MIN_ACCOUNTS = 1_000;
/** Built in memory: 100,000 accounts (2.9 M links) took 27 s and 0.87 GB peak RSS here, 200,000 took 74 s and 1.4 GB. */
export const SPORTSBOOK_MAX_ACCOUNTS = 200_000;

export type SportsbookTruth = ScenarioTruth<'sportsbook', SportsbookTypology, { victims?: string[] }>;
export type SportsbookSummary = ScenarioSummary<SportsbookTypology>;

export interface SportsbookOptions {
  seed: number;
  accounts: number;
  outDir: string;
}

export async function generateSportsbook({ seed, accounts, outDir }: SportsbookOptions): Promise<SportsbookSummary> {
  if (!Number.isInteger(accounts) || accounts < SPORTSBOOK_MIN_ACCOUNTS || accounts > SPORTSBOOK_MAX_ACCOUNTS)
    throw new RangeError(
      `accounts must be a whole number from ${SPORTSBOOK_MIN_ACCOUNTS} to ${SPORTSBOOK_MAX_ACCOUNTS}.`,
    );
  const files = await openScenarioFiles(outDir);
  const world = buildWorld(seed, accounts);
  const truth = resolveConfounders(world);
  const rows = await writeWorld(world, files, truth, seed);
  const groups = Object.fromEntries(SPORTSBOOK_TYPOLOGIES.map((t) => [t, 0])) as Record<SportsbookTypology, number>;
  for (const g of world.planted) groups[g.typology as SportsbookTypology]++;
  const confounders: Record<string, number> = {};
  for (const c of truth) confounders[c.kind] = (confounders[c.kind] ?? 0) + 1;
  return {
    outDir,
    ...rows,
    groups,
    fraudAccounts: world.fraud.size,
    confounders,
    files: files.files,
  };
}

/** Per 1,000 accounts, at least `min`. */
const count = (accounts: number, rate: number, min = 3) => Math.max(min, Math.round((accounts / 1000) * rate));

/** A size in [lo, hi], small groups more common than large ones. */
function sizeIn(w: World, [lo, hi]: readonly [number, number]): number {
  return lo + Math.floor((hi - lo + 1) * Math.pow(w.rng.float(), 1.6));
}

export function buildWorld(seed: number, accounts: number): World {
  const w = new World(seed, accounts);
  const ids = new Ids(w.rng);
  const life = new Life(w, ids, new Pools(ids));
  const r = w.rng;
  const sized = (t: SportsbookTypology) =>
    Array.from({ length: count(accounts, RATES[t]) }, () => sizeIn(w, SPORTSBOOK_SIZES[t]));

  // Fraud first (its accounts are few and planned), then the honest groups, then ordinary players fill the rest.
  for (const n of sized('bonus_abuse')) bonusAbuse(life, n);
  for (const n of sized('affiliate_fraud')) affiliateFraud(life, n);
  for (const _ of sized('re_registration')) reRegistration(life);
  for (const n of sized('account_rental')) accountRental(life, n);
  for (const n of sized('chip_dumping')) chipDumping(life, n);
  for (const n of sized('stolen_card_ring')) stolenCardRing(life, n);
  for (const n of sized('money_laundering')) moneyLaundering(life, n);
  for (const n of sized('matched_betting_syndicate')) matchedBetting(life, n);
  for (const n of sized('match_fixing_insiders')) matchFixing(life, n);
  const collusion = sized('poker_collusion');
  const reserve = collusion.reduce((s, n) => s + n, 0);

  const householdSize = () =>
    r.weighted([
      [2, 60],
      [3, 24],
      [4, 11],
      [5, 5],
    ] as const);
  for (let i = count(accounts, 35); i > 0; i--) household(life, householdSize());
  for (let i = count(accounts, 1); i > 0; i--) household(life, householdSize(), true);
  for (let i = count(accounts, 3); i > 0; i--) flatmates(life, r.int(2, 4));
  for (let i = count(accounts, 3); i > 0; i--) familyCard(life);
  for (let i = count(accounts, 1.5); i > 0; i--) secondHandPhone(life);
  for (let i = count(accounts, 2); i > 0; i--) recycledHomeIp(life);
  for (let i = count(accounts, 2); i > 0; i--) friendsSettlingUp(life, r.int(2, 5));
  for (let i = count(accounts, 0.2); i > 0; i--) tipsterFollowers(life, r.int(15, 45));
  for (let i = count(accounts, 0.3); i > 0; i--) staking(life, r.int(4, 9));
  for (let i = count(accounts, 0.4); i > 0; i--) homeGameClub(life, r.int(5, 10));
  for (let i = count(accounts, 0.15); i > 0; i--) highStakesRegulars(life, r.int(4, 8));
  if (w.room < reserve) throw new RangeError('too few accounts for the planned groups');
  while (w.room > reserve) ordinaryPlayer(life);

  const tables = new Tables(w);
  tables.seat();
  for (const n of collusion) pokerCollusion(life, n, tables);
  tables.play();

  for (let i = count(accounts, 0.5); i > 0; i--) sportsBar(life);
  for (let i = count(accounts, 0.15, 2); i > 0; i--) stadium(life);
  for (let i = count(accounts, 0.4); i > 0; i--) bettingShop(life);
  for (let i = count(accounts, 0.3); i > 0; i--) office(life);
  for (let i = count(accounts, 0.2); i > 0; i--) studentHalls(life);
  placeholders(life);
  infrastructure(life);
  return w;
}

/** A player on their own: most bet casually, a few are VIPs (some reviewed and marked legitimate), a very few disputed a card payment. */
function ordinaryPlayer(life: Life): Player {
  const { w } = life;
  const r = w.rng;
  const vip = r.chance(0.02);
  const p = w.player(w.signupTime(), {
    poker: r.chance(0.15),
    type: vip ? 'vip' : 'player',
    status: r.weighted([
      ['active', 75],
      ['dormant', 17],
      ['closed', 6],
      ['self_excluded', 1.5],
      ['suspended', 0.5],
    ] as const),
  });
  if (vip && r.chance(0.4)) p.label = 'legit';
  else if (r.chance(0.003)) p.label = 'known_fraud';
  life.ordinary(p, vip ? { sessions: r.int(30, 80) } : {});
  return p;
}
