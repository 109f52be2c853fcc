// The ride-hailing and food-delivery generator (`npm run generate -- --generator rides`): riders and eaters,
// drivers, couriers, restaurants, corporate accounts and fleets in nine cities of the US, Canada and Puerto Rico over
// 18 months, with eleven fraud typologies planted in several sizes, timings and densities and nineteen kinds of
// benign look-alike. Written independently of the detector (see docs/rides-generator.md). Built in memory, then
// streamed: accounts in sign-up order, each account's sightings in time order, payments in time order.
import { isoSeconds, openScenarioFiles, type ScenarioSummary, type ScenarioTruth } from '../generate/scenario-files.ts';
import {
  plantConfounders,
  pooledConfounders,
  fillBackground,
  publicPlaces,
  everydayActivity,
  CONFOUNDER_KINDS,
} from './benign.ts';
import { plantFraud, RIDES_TYPOLOGIES, type RidesTypology } from './fraud.ts';
import { Rng } from './rng.ts';
import { Roster, settle, World, WINDOW_END, WINDOW_START, type Acc } from './world.ts';

export { RIDES_SIZES, RIDES_TYPOLOGIES, type RidesTypology } from './fraud.ts';
export { CONFOUNDER_KINDS } from './benign.ts';

export const RIDES_MIN_ACCOUNTS = 1_000;
/** Built in memory: about 1.5 GB of heap at this size. */
export const RIDES_MAX_ACCOUNTS = 200_000;

export interface RidesOptions {
  seed: number;
  accounts: number;
  outDir: string;
}

export type RidesTruth = ScenarioTruth<'rides', RidesTypology>;
export type RidesSummary = ScenarioSummary<RidesTypology>;

export async function generateRides(options: RidesOptions): Promise<RidesSummary> {
  const { seed, accounts, outDir } = options;
  if (!Number.isInteger(accounts) || accounts < RIDES_MIN_ACCOUNTS || accounts > RIDES_MAX_ACCOUNTS)
    throw new RangeError(`accounts must be a whole number from ${RIDES_MIN_ACCOUNTS} to ${RIDES_MAX_ACCOUNTS}`);
  const w = new World(new Rng(seed), accounts);
  const planted = plantFraud(w);
  const structural = plantConfounders(w);
  if (w.accounts.length > accounts) throw new RangeError(`${accounts} accounts cannot hold every planted group`);
  fillBackground(w);
  settle(w);
  publicPlaces(w);
  w.roster = new Roster(w);
  for (const job of w.later) job();
  everydayActivity(w);
  const confounders = [...structural, ...pooledConfounders(w)];

  // Ids in sign-up order, as a platform hands them out.
  const order = w.accounts.map((a) => a.i).sort((x, y) => w.accounts[x]!.created - w.accounts[y]!.created || x - y);
  const ids: string[] = new Array(w.accounts.length);
  order.forEach((i, rank) => (ids[i] = `u${String(rank + 1).padStart(7, '0')}`));

  const out = await openScenarioFiles(outDir);
  const rng = new Rng(seed, 7);
  for (let k = 0; k < order.length; k++) {
    const a = w.accounts[order[k]!]!;
    out.account({
      id: ids[a.i]!,
      createdAt: a.created,
      type: a.type,
      country: a.city.country,
      status: a.status,
      label: a.label,
    });
    for (const s of sightings(a, rng)) out.link({ account: ids[a.i]!, ...s });
    if (k % 500 === 499) await out.flush();
  }
  // Payments in time order; a payment outside either account's life (its end moved when it was caught) never happened.
  const alive = (a: Acc, t: number) => t >= a.created && t <= a.end;
  const pay: number[] = [];
  for (let p = 0; p < w.at.length; p++)
    if (alive(w.accounts[w.payer[p]!]!, w.at[p]!) && alive(w.accounts[w.payee[p]!]!, w.at[p]!)) pay.push(p);
  pay.sort((x, y) => w.at[x]! - w.at[y]! || x - y);
  let written = 0;
  for (const p of pay) {
    const payer = w.accounts[w.payer[p]!]!;
    out.payment({
      payer: ids[payer.i]!,
      payee: ids[w.payee[p]!]!,
      amount: w.cents[p]! / 100,
      currency: payer.city.currency,
      at: w.at[p]!,
      id: `${w.pkind[p]}_${String(++written).padStart(8, '0')}`,
    });
    if (written % 5000 === 0) await out.flush();
  }

  const idOf = (a: Acc) => ids[a.i]!;
  const truth: RidesTruth = {
    generator: 'rides',
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
    confounders: confounders.map((c) => ({
      id: c.id,
      kind: c.kind,
      members: c.members.map(idOf),
      values: c.values,
    })),
  };
  const rows = await out.finish(truth);
  const groups = Object.fromEntries(RIDES_TYPOLOGIES.map((t) => [t, 0])) as Record<RidesTypology, number>;
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

/** Every sighting of an account, in time order and inside its life: first and last of each use, some in between. */
function sightings(a: Acc, rng: Rng) {
  const rows: { kind: string; value: string; at: number; card?: { bin: string; last4: string; issuer: string } }[] = [];
  const last = Math.min(a.end, WINDOW_END - 60_000);
  for (const u of a.uses) {
    const to = Math.max(a.created, Math.min(u.to, last));
    const from = Math.max(a.created, Math.min(u.from, to));
    const card = u.card ? { bin: u.card.bin, last4: u.card.last4, issuer: u.card.issuer } : undefined;
    const times = [from];
    if (u.n >= 2 && to > from) {
      times.push(to);
      for (let k = 2; k < u.n; k++) times.push(from + rng.float() * (to - from));
    }
    for (const at of times) rows.push({ kind: u.kind, value: u.value, at, ...(card ? { card } : {}) });
  }
  return rows.sort((x, y) => x.at - y.at || (x.kind < y.kind ? -1 : x.kind > y.kind ? 1 : x.value < y.value ? -1 : 1));
}
