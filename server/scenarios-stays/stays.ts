// The short-term lodging marketplace generator (`npm run generate -- --generator stays`): hosts, guests, property
// managers, corporate travel desks, travel agencies and co-host services in six countries where stays are booked
// (the US, Canada, Puerto Rico, the Bahamas, Jamaica, the Dominican Republic) with guests also from the UK, over 18
// months; eight fraud typologies in several sizes, timings and densities, among many benign look-alikes. Written
// without looking at the detector (see docs/stays-generator.md). Built in memory, then streamed: accounts in sign-up
// order, each account's sightings in time order, payments in time order.
import { isoSeconds, openScenarioFiles, type ScenarioSummary, type ScenarioTruth } from '../generate/scenario-files.ts';
import { CONFOUNDER_KINDS, everydayActivity, fillBackground, plantConfounders, pooledConfounders } from './benign.ts';
import { plantFraud, STAYS_TYPOLOGIES, type StaysTypology } from './fraud.ts';
import { Rng } from './rng.ts';
import { DAY, endLife, settle, visibleUses, World, WINDOW_END, WINDOW_START, type Acc } from './world.ts';

export { STAYS_SIZES, STAYS_TYPOLOGIES, type StaysTypology } from './fraud.ts';
export { CONFOUNDER_KINDS } from './benign.ts';

export const STAYS_MIN_ACCOUNTS = 1_000;
/** Built in memory: the bound keeps the heap to a couple of gigabytes. */
export const STAYS_MAX_ACCOUNTS = 200_000;

export interface StaysOptions {
  seed: number;
  accounts: number;
  outDir: string;
}

export type StaysTruth = ScenarioTruth<'stays', StaysTypology>;
export type StaysSummary = ScenarioSummary<StaysTypology>;

export async function generateStays(options: StaysOptions): Promise<StaysSummary> {
  const { seed, accounts, outDir } = options;
  if (!Number.isInteger(accounts) || accounts < STAYS_MIN_ACCOUNTS || accounts > STAYS_MAX_ACCOUNTS)
    throw new RangeError(`accounts must be a whole number from ${STAYS_MIN_ACCOUNTS} to ${STAYS_MAX_ACCOUNTS}`);
  const w = new World(new Rng(seed), accounts);
  const planted = plantFraud(w);
  const structural = plantConfounders(w);
  if (w.accounts.length > accounts) throw new RangeError(`${accounts} accounts cannot hold every planted group`);
  fillBackground(w);
  settle(w);
  w.openBookings();
  for (const job of w.later) job();
  everydayActivity(w);
  noTellingStatus(w);
  const confounders = [...structural, ...pooledConfounders(w)];

  // Ids in sign-up order, as a platform hands them out.
  const order = w.accounts.map((a) => a.i).sort((x, y) => w.accounts[x]!.created - w.accounts[y]!.created || x - y);
  const ids: string[] = new Array(w.accounts.length);
  order.forEach((i, rank) => (ids[i] = `st${String(rank + 1).padStart(7, '0')}`));

  const out = await openScenarioFiles(outDir);
  const rng = new Rng(seed, 3);
  for (let k = 0; k < order.length; k++) {
    const a = w.accounts[order[k]!]!;
    out.account({
      id: ids[a.i]!,
      createdAt: a.created,
      type: a.type,
      country: a.country,
      status: a.status,
      label: a.label,
    });
    for (const s of sightings(a, rng)) out.link({ account: ids[a.i]!, ...s });
    if (k % 500 === 499) await out.flush();
  }
  // Payments in time order; one outside either account's life never happened.
  const alive = (a: Acc, t: number) => t >= a.created && t <= a.end && t < WINDOW_END - 60_000;
  const pay: number[] = [];
  for (let p = 0; p < w.at.length; p++)
    if (
      w.payer[p] !== w.payee[p] &&
      alive(w.accounts[w.payer[p]!]!, w.at[p]!) &&
      alive(w.accounts[w.payee[p]!]!, w.at[p]!)
    )
      pay.push(p);
  pay.sort((x, y) => w.at[x]! - w.at[y]! || x - y);
  let written = 0;
  for (const p of pay) {
    out.payment({
      payer: ids[w.payer[p]!]!,
      payee: ids[w.payee[p]!]!,
      amount: w.cents[p]! / 100,
      currency: w.currency[p]!,
      at: w.at[p]!,
      id: `${w.pkind[p]}_${String(++written).padStart(8, '0')}`,
    });
    if (written % 5000 === 0) await out.flush();
  }

  const idOf = (a: Acc) => ids[a.i]!;
  const truth: StaysTruth = {
    generator: 'stays',
    version: 1,
    seed,
    accounts,
    window: [isoSeconds(WINDOW_START), isoSeconds(WINDOW_END)],
    groups: planted.map((g) => ({
      id: g.id,
      typology: g.typology,
      kind: g.members.length === 2 ? 'pair' : 'ring',
      members: g.members.map(idOf),
      known_fraud: g.known.map(idOf),
      variant: g.variant,
    })),
    confounders: confounders.map((c) => ({ id: c.id, kind: c.kind, members: c.members.map(idOf), values: c.values })),
  };
  const rows = await out.finish(truth);
  const groups = Object.fromEntries(STAYS_TYPOLOGIES.map((t) => [t, 0])) as Record<StaysTypology, number>;
  for (const g of planted) groups[g.typology]++;
  const counts: Record<string, number> = Object.fromEntries(CONFOUNDER_KINDS.map((k) => [k, 0]));
  for (const c of confounders) counts[c.kind]!++;
  return {
    outDir,
    ...rows,
    groups,
    fraudAccounts: planted.reduce((s, g) => s + g.members.length, 0),
    confounders: counts,
    files: out.files,
  };
}

/**
 * Every type, status and label that fraud accounts carry is carried by honest ones too (accounts banned alone,
 * verified hosts later taken over, …): where the ordinary endings left a combination to fraud only, some ordinary
 * accounts of that type end that way.
 */
function noTellingStatus(w: World): void {
  const key = (a: Acc) => `${a.type}|${a.status}|${a.label}`;
  const honest = new Map<string, Acc[]>();
  for (const a of w.accounts)
    if (!a.fraud && !a.group && !a.fixed) {
      const list = honest.get(key(a));
      if (list) list.push(a);
      else honest.set(key(a), [a]);
    }
  const ordinary = w.accounts.filter((a) => !a.fraud && !a.group && !a.fixed && a.status === 'active');
  const done = new Set<string>();
  for (const a of w.accounts) {
    if (!a.fraud || honest.has(key(a)) || done.has(key(a))) continue;
    done.add(key(a));
    const pool = ordinary.filter((o) => o.type === a.type && o.status === 'active' && o.label !== 'known_fraud');
    for (const o of w.rng.sample(pool, Math.min(pool.length, w.rng.int(2, 5)))) {
      if (a.status !== 'active')
        endLife(o, a.status, o.created + w.rng.between(0.3, 0.9) * (WINDOW_END - 5 * DAY - o.created));
      o.label = a.label;
      o.fixed = true;
    }
  }
}

/** Every sighting of an account, in time order and inside its life: first and last of each use, some in between. */
function sightings(a: Acc, rng: Rng) {
  const rows: { kind: string; value: string; at: number; card?: { bin: string; last4: string; issuer: string } }[] = [];
  for (const u of visibleUses(a)) {
    const card = u.card ? { bin: u.card.bin, last4: u.card.last4, issuer: u.card.issuer } : undefined;
    const times = [u.from];
    if (u.n >= 2 && u.to > u.from) {
      times.push(u.to);
      for (let k = 2; k < u.n; k++) times.push(u.from + rng.float() * (u.to - u.from));
    }
    for (const at of times) rows.push({ kind: u.kind, value: u.value, at, ...(card ? { card } : {}) });
  }
  return rows.sort((x, y) => x.at - y.at || (x.kind < y.kind ? -1 : x.kind > y.kind ? 1 : x.value < y.value ? -1 : 1));
}
