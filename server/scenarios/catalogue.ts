// The catalogue generator: a marketplace whose fraud follows a catalogue of typologies from fraud literature and
// trust-and-safety practice (typologies.ts) among benign look-alikes (confounders.ts), written as RingLens input
// files plus a ground truth listing every planted group and every confounder with its members. It shares no planting
// code with server/generate (the first generator), so a detector tuned on one is tested on the other.
import { isoSeconds, openScenarioFiles, type ScenarioSummary, type ScenarioTruth } from '../generate/scenario-files.ts';
import { overlay, populate, type Confounder } from './confounders.ts';
import { Rng } from './rng.ts';
import { TYPOLOGIES, plantTypology, type Planted, type Typology } from './typologies.ts';
import { END, START, World } from './world.ts';

export const CATALOGUE_MIN_ACCOUNTS = 1_000;
export const CATALOGUE_MAX_ACCOUNTS = 500_000;
/** One planted group per this many accounts, at least MIN_PER_TYPOLOGY of each; pairs twice as often. */
const ACCOUNTS_PER_GROUP = 200;
const MIN_PER_TYPOLOGY = 3;
const WEIGHT: Partial<Record<Typology, number>> = { duplicate_pair: 2 };

export interface CatalogueOptions {
  seed: number;
  accounts: number;
  outDir: string;
}

export type CatalogueTruth = ScenarioTruth<
  'catalogue',
  Typology,
  { shared: { kind: string; value: string; members: string[] }[]; payments: number }
>;

export type CatalogueSummary = ScenarioSummary<Typology>;

export function groupsPerTypology(accounts: number): Record<Typology, number> {
  const weights = TYPOLOGIES.map((t) => WEIGHT[t] ?? 1);
  const unit = accounts / ACCOUNTS_PER_GROUP / weights.reduce((a, b) => a + b, 0);
  return Object.fromEntries(
    TYPOLOGIES.map((t, i) => [t, Math.max(MIN_PER_TYPOLOGY, Math.round(unit * weights[i]!))]),
  ) as Record<Typology, number>;
}

/** Builds the whole scenario in memory; deterministic in (seed, accounts). */
export function buildCatalogue(
  seed: number,
  accounts: number,
): { world: World; planted: Planted[]; confounders: Confounder[] } {
  const world = new World(new Rng(seed, 'catalogue'));
  const planted: Planted[] = [];
  const bases = new Set<string>();
  const counts = groupsPerTypology(accounts);
  // Interleave typologies so no typology owns a block of consecutive accounts.
  const queue: Typology[] = [];
  for (let round = 0; queue.length < Object.values(counts).reduce((a, b) => a + b, 0); round++)
    for (const t of TYPOLOGIES) if (round < counts[t]) queue.push(t);
  queue.forEach((typology, i) =>
    planted.push(plantTypology(world, typology, seed + Math.floor(i / TYPOLOGIES.length), bases)),
  );
  const fraudAccounts = world.accounts.length;
  if (fraudAccounts > accounts * 0.25) throw new Error(`${accounts} accounts are too few for the catalogue's groups.`);
  const confounders = populate(world, accounts - fraudAccounts);
  confounders.push(
    ...overlay(
      world,
      planted.map((p) => p.members),
    ),
  );
  return { world, planted, confounders };
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export async function generateCatalogue(options: CatalogueOptions): Promise<CatalogueSummary> {
  const { seed, accounts, outDir } = options;
  if (accounts < CATALOGUE_MIN_ACCOUNTS || accounts > CATALOGUE_MAX_ACCOUNTS)
    throw new RangeError(
      `The catalogue generator makes ${CATALOGUE_MIN_ACCOUNTS} to ${CATALOGUE_MAX_ACCOUNTS} accounts.`,
    );
  const out = await openScenarioFiles(outDir);
  const { world, planted, confounders } = buildCatalogue(seed, accounts);

  // Ids from a shuffled order: neither the id nor the row order tells which accounts were made together.
  const order = new Rng(seed, 'ids').shuffled(world.accounts.map((_, i) => i));
  const idOf: string[] = new Array<string>(world.accounts.length);
  order.forEach((account, position) => (idOf[account] = `u${String(position + 1).padStart(6, '0')}`));
  const id = (i: number) => idOf[i]!;

  for (const i of order) out.account({ ...world.accounts[i]!, id: id(i) });
  const links = world.links
    .map((link, n) => ({ link, n }))
    .sort((x, y) => cmp(idOf[x.link.account]!, idOf[y.link.account]!) || x.link.at - y.link.at || x.n - y.n);
  for (const { link } of links)
    out.link({ account: id(link.account), kind: link.kind, value: link.value, at: link.at, card: link.card });
  const payments = world.payments.map((p, n) => ({ p, n })).sort((x, y) => x.p.at - y.p.at || x.n - y.n);
  payments.forEach(({ p }, n) =>
    out.payment({ ...p, payer: id(p.payer), payee: id(p.payee), id: `tx${String(n + 1).padStart(7, '0')}` }),
  );

  const numbered = new Map<string, number>();
  const truth: CatalogueTruth = {
    generator: 'catalogue',
    version: 1,
    seed,
    accounts: world.accounts.length,
    window: [isoSeconds(START), isoSeconds(END)],
    groups: planted.map((g) => {
      const n = (numbered.get(g.typology) ?? 0) + 1;
      numbered.set(g.typology, n);
      return {
        id: `${g.typology}-${String(n).padStart(3, '0')}`,
        typology: g.typology,
        kind: g.members.length === 2 ? 'pair' : 'ring',
        members: g.members.map(id).sort(),
        known_fraud: g.knownFraud.map(id).sort(),
        variant: g.variant,
        shared: g.shared.map((s) => ({ kind: s.kind, value: s.value, members: s.members.map(id).sort() })),
        payments: g.payments,
      };
    }),
    confounders: confounders.map((c, n) => ({
      id: `${c.kind}-${String(n + 1).padStart(4, '0')}`,
      kind: c.kind,
      members: [...new Set(c.members.map(id))].sort(),
      values: c.values,
    })),
  };
  const rows = await out.finish(truth);

  const groups = Object.fromEntries(TYPOLOGIES.map((t) => [t, 0])) as Record<Typology, number>;
  for (const g of planted) groups[g.typology]++;
  const confounderCounts: Record<string, number> = {};
  for (const c of confounders) confounderCounts[c.kind] = (confounderCounts[c.kind] ?? 0) + 1;
  return {
    outDir,
    ...rows,
    groups,
    fraudAccounts: planted.reduce((sum, g) => sum + g.members.length, 0),
    confounders: confounderCounts,
    files: out.files,
  };
}
