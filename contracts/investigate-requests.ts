/**
 * Request validation for the graph-exploration API: path parameters, query strings and bodies, each parsed with zod
 * so a bad value is a 400 naming the field. Kinds come from a fixed list; they select queries and branches, never
 * text that is put into Cypher.
 */
import { z } from 'zod';
import { parseNodeId } from './element-ids.ts';
import { NODE_KINDS } from './vocabulary.ts';

export const INVESTIGATE_DEFAULTS = {
  neighborLimit: 50,
  maxNeighborLimit: 500,
  /** More neighbours than this makes a node a super-node: the client asks before expanding it. */
  superNodeThreshold: 50,
  searchLimit: 20,
  maxSearchLimit: 100,
  maxHops: 4,
  /** The paths queries stop at 6 relationships (a literal in cypher/investigate-paths*.read.cypher). */
  maxMaxHops: 6,
  pathLimit: 10,
  maxPathLimit: 25,
  /** Identifiers listed in an account's details. */
  maxAccountIdentifiers: 200,
  maxSubgraphNodes: 5000,
};

const D = INVESTIGATE_DEFAULTS;
const int = (min: number, max: number, fallback: number) =>
  z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.coerce
      .number({ error: 'must be a whole number' })
      .int('must be a whole number')
      .min(min, `must be at least ${min}`)
      .max(max, `must be at most ${max}`)
      .default(fallback),
  );
const key = z.string().min(1, 'must not be empty').max(1000, 'must be at most 1000 characters');
const bool = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0'], { error: 'must be true or false' })
    .optional()
    .transform((v) => (v === undefined ? fallback : v === 'true' || v === '1'));

export const nodeParamsSchema = z.object({
  kind: z.enum(NODE_KINDS, { error: `must be one of ${NODE_KINDS.join(', ')}` }),
  id: key,
});

/** `kinds=device,email` or repeated `kinds=device&kinds=email`; empty means all kinds. */
const kindsList = z.preprocess(
  (v) => {
    if (v === undefined) return undefined;
    const parts = (Array.isArray(v) ? v : [v]).flatMap((x) => String(x).split(','));
    const list = parts.map((s) => s.trim()).filter(Boolean);
    return list.length === 0 ? undefined : list;
  },
  z
    .array(z.enum(NODE_KINDS, { error: `must be one of ${NODE_KINDS.join(', ')}` }))
    .optional()
    .transform((v) => (v ? [...new Set(v)].sort() : null)),
);

export const neighborsQuerySchema = z.object({
  limit: int(1, D.maxNeighborLimit, D.neighborLimit),
  cursor: z.preprocess((v) => (v === '' ? undefined : v), z.string().max(2000).optional()),
  kinds: kindsList,
  order: z.enum(['kind', 'shared'], { error: 'must be kind or shared' }).default('kind'),
  threshold: int(1, 1_000_000, D.superNodeThreshold),
});
export type NeighborsQuery = z.output<typeof neighborsQuerySchema>;

export const searchQuerySchema = z.object({
  q: z.string({ error: 'is required' }).trim().min(1, 'must not be empty').max(500, 'must be at most 500 characters'),
  limit: int(1, D.maxSearchLimit, D.searchLimit),
});

export const pathsQuerySchema = z
  .object({
    from: key,
    to: key,
    maxHops: int(1, D.maxMaxHops, D.maxHops),
    limit: int(1, D.maxPathLimit, D.pathLimit),
    includePaid: bool(true),
  })
  .refine((q) => q.from !== q.to, { path: ['to'], message: 'must be a different account from `from`' });
export type PathsQuery = z.output<typeof pathsQuerySchema>;

export const subgraphBodySchema = z.object({
  nodes: z
    .array(
      z.string().refine((id) => parseNodeId(id) !== null, 'must be a node id such as account:acc-1 or device:fp-1'),
    )
    .max(D.maxSubgraphNodes, `must list at most ${D.maxSubgraphNodes} nodes`),
});
