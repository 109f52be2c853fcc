/**
 * The ground truth `npm run eval` scores against, read from any generator's ground-truth.json into one shape:
 * planted groups (a typology, ring or pair, members) and benign confounder groups (a kind, members). The marketplace
 * generator lists crowds by IP and size only, so their members are resolved from the dataset's own links.
 */
import { z } from 'zod';
import { normalizeIp } from '../ingest/normalize.ts';

export interface PlantedGroup {
  id: string;
  typology: string;
  kind: 'ring' | 'pair';
  members: string[];
}

export interface ConfounderGroup {
  id: string;
  kind: string;
  members: string[];
}

export interface EvalTruth {
  generator: string;
  seed: number;
  accounts: number;
  groups: PlantedGroup[];
  confounders: ConfounderGroup[];
}

const Members = z.array(z.string()).min(1);

/**
 * The catalogue generator's ground truth, and the shop, wallet, sportsbook, rides and stays generators', which have the
 * same shape.
 */
const CatalogueTruth = z.object({
  generator: z.enum(['catalogue', 'shop', 'wallet', 'sportsbook', 'rides', 'stays']),
  seed: z.number(),
  accounts: z.number(),
  groups: z.array(z.object({ id: z.string(), typology: z.string(), kind: z.enum(['ring', 'pair']), members: Members })),
  confounders: z.array(z.object({ id: z.string(), kind: z.string(), members: Members })),
});

const MarketplaceTruth = z.object({
  seed: z.number(),
  accounts: z.number(),
  rings: z.array(z.object({ id: z.string(), pattern: z.string(), typology: z.string().optional(), members: Members })),
  households: z.array(z.array(z.string())),
  crowds: z.array(z.object({ kind: z.string(), value: z.string(), members: z.number() })),
});

/** Thrown when a ground-truth file is in no generator's format. */
export class TruthFormatError extends Error {
  override readonly name = 'TruthFormatError';
}

/**
 * `ipHolders` (normalised IP → accounts using it) resolves the marketplace generator's crowds to members; without it
 * crowds are left out of the confounders.
 */
export function readTruth(json: unknown, ipHolders?: ReadonlyMap<string, readonly string[]>): EvalTruth {
  const catalogue = CatalogueTruth.safeParse(json);
  if (catalogue.success) {
    const { generator, seed, accounts, groups, confounders } = catalogue.data;
    return { generator, seed, accounts, groups, confounders };
  }
  const market = MarketplaceTruth.safeParse(json);
  if (!market.success)
    throw new TruthFormatError(
      `Not a ground truth of any generator: ${market.error.issues[0]?.path.join('.')}: ${market.error.issues[0]?.message}`,
    );
  const t = market.data;
  const confounders: ConfounderGroup[] = t.households
    .filter((h) => h.length >= 2)
    .map((members, i) => ({ id: `household-${i + 1}`, kind: 'household', members }));
  if (ipHolders)
    t.crowds.forEach((crowd, i) => {
      const members = ipHolders.get(normalizeIp(crowd.value).key);
      if (members?.length) confounders.push({ id: `${crowd.kind}-${i + 1}`, kind: crowd.kind, members: [...members] });
    });
  return {
    generator: 'marketplace',
    seed: t.seed,
    accounts: t.accounts,
    groups: t.rings.map((r) => ({
      id: r.id,
      typology: r.typology ?? r.pattern,
      kind: r.members.length === 2 ? 'pair' : 'ring',
      members: r.members,
    })),
    confounders,
  };
}
