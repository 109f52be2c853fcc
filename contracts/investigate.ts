/**
 * Response shapes of the graph-exploration API (/api/nodes, /api/search, /api/paths, /api/subgraph), written once as
 * zod schemas: the server builds values of these types and the client validates what it receives against them.
 * Graph elements are Cytoscape-ready (`{ data: … }`) with the stable ids of element-ids.ts.
 */
import { z } from 'zod';
import { ACCOUNT_LABELS, IDENTIFIER_KINDS, NODE_KINDS } from './vocabulary.ts';
import { RING_KINDS } from './rings.ts';

const iso = z.string().nullable();
const countsByKindSchema = z.partialRecord(z.enum(NODE_KINDS), z.number().int().nonnegative());
export type CountsByKind = z.infer<typeof countsByKindSchema>;

export const graphNodeDataSchema = z.object({
  id: z.string(),
  kind: z.enum(NODE_KINDS),
  /** The account id or the identifier's normalised key. */
  key: z.string(),
  /** Short text to draw next to the node. */
  label: z.string(),
  /** Accounts only: known_fraud | legit | unknown. */
  accountLabel: z.enum(ACCOUNT_LABELS).nullable(),
  /** Identifiers only: how many accounts use it (its rarity). */
  sharers: z.number().int().nullable(),
  /** Accounts in neighbour lists only: how many of its identifiers other accounts use too. */
  sharedIdentifiers: z.number().int().nullable().optional(),
});
export type GraphNodeData = z.infer<typeof graphNodeDataSchema>;

export const graphEdgeDataSchema = z.object({
  id: z.string(),
  source: z.string(),
  target: z.string(),
  kind: z.enum(['uses', 'paid']),
  /** What links the two ends, e.g. `uses card` or `paid 3× 1,250 USD` (one currency per edge). */
  label: z.string(),
  count: z.number().nullable(),
  firstSeen: iso,
  lastSeen: iso,
  currency: z.string().nullable().optional(),
  total: z.number().nullable().optional(),
});
export type GraphEdgeData = z.infer<typeof graphEdgeDataSchema>;

export const nodeElementSchema = z.object({ data: graphNodeDataSchema });
export const edgeElementSchema = z.object({ data: graphEdgeDataSchema });
export type NodeElement = z.infer<typeof nodeElementSchema>;
export type EdgeElement = z.infer<typeof edgeElementSchema>;

export const elementsSchema = z.object({ nodes: z.array(nodeElementSchema), edges: z.array(edgeElementSchema) });
export type Elements = z.infer<typeof elementsSchema>;

// --- GET /api/nodes/:kind/:id --------------------------------------------------------------------------------------

export const ringMembershipSchema = z.object({
  id: z.string(),
  /** A ring or a duplicate-account pair. */
  kind: z.enum(RING_KINDS).default('ring'),
  score: z.number().nullable(),
  size: z.number().nullable(),
  status: z.string().nullable(),
  change: z.string().nullable(),
  flagged: z.boolean().nullable(),
  lastSeenRun: z.string().nullable(),
});
export type RingMembership = z.infer<typeof ringMembershipSchema>;

export const accountIdentifierSchema = z.object({
  id: z.string(),
  kind: z.enum(IDENTIFIER_KINDS),
  key: z.string(),
  label: z.string(),
  sharers: z.number().int(),
  count: z.number().nullable(),
  firstSeen: iso,
  lastSeen: iso,
});
export type AccountIdentifier = z.infer<typeof accountIdentifierSchema>;

const paymentSideSchema = z.object({
  counterparties: z.number().int(),
  count: z.number(),
  /** The sum over every currency: meaningful only when `totals` has one currency. */
  total: z.number(),
  /** One total per currency (amounts in different currencies are never added up). */
  totals: z.array(z.object({ currency: z.string().nullable(), total: z.number() })).default([]),
});

export const accountDetailsSchema = z.object({
  kind: z.literal('account'),
  id: z.string(),
  key: z.string(),
  label: z.string(),
  properties: z.object({
    createdAt: iso,
    type: z.string().nullable(),
    country: z.string().nullable(),
    status: z.string().nullable(),
    label: z.enum(ACCOUNT_LABELS).nullable(),
  }),
  firstSeen: iso,
  lastSeen: iso,
  identifiers: z.array(accountIdentifierSchema),
  rings: z.array(ringMembershipSchema),
  payments: z.object({ sent: paymentSideSchema, received: paymentSideSchema }),
  degreeByKind: countsByKindSchema,
});
export type AccountDetails = z.infer<typeof accountDetailsSchema>;

export const identifierDetailsSchema = z.object({
  kind: z.enum(IDENTIFIER_KINDS),
  id: z.string(),
  key: z.string(),
  label: z.string(),
  properties: z.object({
    display: z.string().nullable(),
    bin: z.string().nullable(),
    last4: z.string().nullable(),
    issuerCountry: z.string().nullable(),
  }),
  firstSeen: iso,
  lastSeen: iso,
  sharers: z.number().int(),
  sharersByLabel: z.object({ known_fraud: z.number().int(), legit: z.number().int(), unknown: z.number().int() }),
  degreeByKind: countsByKindSchema,
  /** The active rings and pairs the accounts sharing it are in (at most 50, highest score first). */
  rings: z.array(ringMembershipSchema),
});
export type IdentifierDetails = z.infer<typeof identifierDetailsSchema>;

export const nodeDetailsSchema = z.union([accountDetailsSchema, identifierDetailsSchema]);
export type NodeDetails = z.infer<typeof nodeDetailsSchema>;

// --- GET /api/nodes/:kind/:id/neighbors ----------------------------------------------------------------------------

export const neighborsResponseSchema = elementsSchema.extend({
  center: graphNodeDataSchema,
  /** All neighbours, whatever the `kinds` filter. */
  total: z.number().int(),
  countsByKind: countsByKindSchema,
  /** Neighbours matching the `kinds` filter: what the cursor pages through. */
  matching: z.number().int(),
  threshold: z.number().int(),
  /** More neighbours than the threshold: the client asks before expanding. */
  superNode: z.boolean(),
  /** Neighbours in this page. */
  returned: z.number().int(),
  /** How many neighbours come before this page. */
  offset: z.number().int(),
  nextCursor: z.string().nullable(),
});
export type NeighborsResponse = z.infer<typeof neighborsResponseSchema>;

// --- GET /api/search -----------------------------------------------------------------------------------------------

export const searchResponseSchema = z.object({
  q: z.string(),
  /** exact, prefix, or partial: part of an email (name or domain), an IP prefix or CIDR range, a card's last four. */
  results: z.array(z.object({ node: graphNodeDataSchema, match: z.enum(['exact', 'prefix', 'partial']) })),
});
export type SearchResponse = z.infer<typeof searchResponseSchema>;

// --- GET /api/paths ------------------------------------------------------------------------------------------------

export const pathStepSchema = z.object({
  from: z.string(),
  to: z.string(),
  /** The identifier both accounts use (with its rarity), or the payment between them. */
  via: graphNodeDataSchema.nullable(),
  edges: z.array(z.string()),
  paid: graphEdgeDataSchema.nullable(),
});
export type PathStep = z.infer<typeof pathStepSchema>;

export const pathsResponseSchema = elementsSchema.extend({
  from: z.string(),
  to: z.string(),
  maxHops: z.number().int(),
  /** Relationships in each shortest path (an identifier link counts 2, a payment 1); null when none was found. */
  length: z.number().int().nullable(),
  paths: z.array(z.object({ nodes: z.array(z.string()), edges: z.array(z.string()), steps: z.array(pathStepSchema) })),
});
export type PathsResponse = z.infer<typeof pathsResponseSchema>;
