// The shop generator, RingLens's third and held-out source of test data: an online shop with a marketplace, simulated
// as an event log (sign-ups, sessions, saved addresses and cards, orders, refunds, chargebacks — see event-log.ts) and
// converted to RingLens input files plus a ground truth of every planted fraud group and every benign look-alike.
// It was written from the shop's side without looking at how RingLens detects or scores, so that the detector, tuned
// on the other two generators, is judged on data it was never tuned on. Typologies: fraud-accounts.ts and
// fraud-money.ts; the honest population and its confounders: background.ts.
import { isoSeconds, openScenarioFiles, type ScenarioSummary, type ScenarioTruth } from '../generate/scenario-files.ts';
import { populate, type Person } from './background.ts';
import { accountTakeover, promoAbuse, resellerBot } from './fraud-accounts.ts';
import { chargebackReentry, chargebackRing, refundAbusePair, triangulation } from './fraud-money.ts';
import { SHOP_TYPOLOGIES, type Ctx, type Planted, type ShopTypology } from './planted.ts';
import { Dice } from './random.ts';
import { END, START, ShopWorld } from './shop-world.ts';

export { SHOP_TYPOLOGIES, type ShopTypology } from './planted.ts';
export const SHOP_MIN_ACCOUNTS = 1_000;
export const SHOP_MAX_ACCOUNTS = 200_000;

/** Groups of each typology per 10 000 accounts (at least 3 of each), and the sizes they are drawn from. */
const PER_10K: Record<ShopTypology, number> = {
  account_takeover: 5,
  chargeback_ring: 5,
  reseller_bot: 3,
  promo_abuse: 8,
  triangulation: 4,
  refund_abuse_pair: 12,
  chargeback_reentry: 6,
};
export const SHOP_SIZES: Record<ShopTypology, readonly [number, number]> = {
  account_takeover: [3, 10],
  chargeback_ring: [4, 14],
  reseller_bot: [6, 28],
  promo_abuse: [3, 16],
  triangulation: [4, 10],
  refund_abuse_pair: [2, 2],
  chargeback_reentry: [2, 6],
};

export interface ShopOptions {
  seed: number;
  accounts: number;
  outDir: string;
}

export type ShopTruth = ScenarioTruth<'shop', ShopTypology>;

export interface ShopSummary extends ScenarioSummary<ShopTypology> {
  /** Events of the shop's log by type. */
  events: Record<string, number>;
}

const PLANT: Record<ShopTypology, (ctx: Ctx, size: number) => Planted> = {
  account_takeover: accountTakeover,
  chargeback_ring: chargebackRing,
  reseller_bot: resellerBot,
  promo_abuse: promoAbuse,
  triangulation,
  refund_abuse_pair: (ctx) => refundAbusePair(ctx),
  chargeback_reentry: chargebackReentry,
};

/** Simulates the shop in memory: the world (accounts, event log), the planted groups in plan order. */
export function buildShop(seed: number, accounts: number): { world: ShopWorld; planted: Planted[] } {
  const plan = new Dice(seed, 'plan');
  const groups: { typology: ShopTypology; size: number }[] = [];
  for (const typology of SHOP_TYPOLOGIES) {
    const [lo, hi] = SHOP_SIZES[typology];
    const count = Math.max(3, Math.round((accounts / 10_000) * PER_10K[typology]));
    for (let i = 0; i < count; i++) groups.push({ typology, size: plan.skewed(lo, hi) });
  }
  plan.shuffle(groups);
  // Taken-over accounts are honest customers; every other scenario opens accounts of its own.
  const opened = groups.reduce((sum, g) => sum + (g.typology === 'account_takeover' ? 0 : g.size), 0);
  const world = new ShopWorld(seed, accounts);
  const people = populate(world, new Dice(seed, 'background'), accounts - opened);
  const ctx: Ctx = { world, dice: new Dice(seed, 'fraud'), people: new Map(people.map((p: Person) => [p.account, p])) };
  const planted = groups.map((g) => PLANT[g.typology](ctx, g.size));
  if (world.accounts.length !== accounts)
    throw new Error(`planned ${accounts} accounts, made ${world.accounts.length}`);
  return { world, planted };
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export async function generateShop(options: ShopOptions): Promise<ShopSummary> {
  const { seed, accounts, outDir } = options;
  if (!Number.isInteger(accounts) || accounts < SHOP_MIN_ACCOUNTS || accounts > SHOP_MAX_ACCOUNTS)
    throw new RangeError(`The shop generator makes ${SHOP_MIN_ACCOUNTS} to ${SHOP_MAX_ACCOUNTS} accounts.`);
  const out = await openScenarioFiles(outDir);
  const { world, planted } = buildShop(seed, accounts);

  // Account numbers follow sign-up order, as a shop's database hands them out.
  const order = world.accounts
    .map((_, i) => i)
    .sort((x, y) => world.accounts[x]!.createdAt - world.accounts[y]!.createdAt || x - y);
  const idOf: string[] = new Array<string>(accounts);
  order.forEach((account, position) => (idOf[account] = `acct_${String(position + 1).padStart(7, '0')}`));
  const id = (i: number) => idOf[i]!;

  for (const i of order) out.account({ ...world.accounts[i]!, id: id(i) });
  const links = world.log
    .links()
    .sort((x, y) => cmp(id(x.account), id(y.account)) || x.at - y.at || cmp(x.kind, y.kind) || cmp(x.value, y.value));
  for (const link of links) {
    out.link({ ...link, account: id(link.account), userAgent: link.ua });
    await out.flush();
  }
  const payments = [...world.log.payments].sort((x, y) => x.at - y.at || cmp(x.ref, y.ref));
  for (const p of payments) {
    out.payment({ payer: id(p.payer), payee: id(p.payee), amount: p.amount, currency: 'USD', at: p.at, id: p.ref });
    await out.flush();
  }

  const holders = world.log.holders();
  const numbered = new Map<string, number>();
  const next = (name: string) => {
    const n = (numbered.get(name) ?? 0) + 1;
    numbered.set(name, n);
    return `${name}-${String(n).padStart(3, '0')}`;
  };
  const sortedIds = (members: Iterable<number>) => [...new Set([...members].map(id))].sort(cmp);
  const truth: ShopTruth = {
    generator: 'shop',
    version: 1,
    seed,
    accounts,
    window: [isoSeconds(START), isoSeconds(END)],
    groups: planted.map((g) => ({
      id: next(g.typology),
      typology: g.typology,
      kind: g.members.length === 2 ? 'pair' : 'ring',
      members: sortedIds(g.members),
      known_fraud: sortedIds(g.knownFraud),
      variant: g.variant,
    })),
    confounders: world.confounders
      .map((c) => ({
        kind: c.kind,
        members: sortedIds(c.members ?? c.values.flatMap((v) => holders.get(`${v.kind}:${v.value}`) ?? [])),
        values: c.values,
      }))
      .filter((c) => c.members.length >= 2)
      .map((c) => ({ id: next(c.kind), ...c })),
  };
  const rows = await out.finish(truth);

  const groups = Object.fromEntries(SHOP_TYPOLOGIES.map((t) => [t, 0])) as Record<ShopTypology, number>;
  for (const g of planted) groups[g.typology]++;
  const confounders: Record<string, number> = {};
  for (const c of truth.confounders) confounders[c.kind] = (confounders[c.kind] ?? 0) + 1;
  return {
    outDir,
    ...rows,
    groups,
    fraudAccounts: planted.reduce((sum, g) => sum + g.members.length, 0),
    confounders,
    events: { ...world.log.counts },
    files: out.files,
  };
}
