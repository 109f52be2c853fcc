/**
 * What per-part analysis (part-analysis.ts) reads of a projection, in shared memory: the weighted adjacency, the
 * identifier incidence (members, kinds, each account's identifiers) and the generic marks. Worker threads
 * (part-pool.ts) rebuild a `Projection` over the same memory, so N workers cost one copy, not N. Identifier keys,
 * transfers, crowds and the account index stay behind: stage 2 never reads them.
 */
import type { WeightedAdjacency } from './adjacency.ts';
import { emptyProjectionStats, Projection } from './projection-graph.ts';

export interface SharedProjection {
  ids: string[];
  offsets: Int32Array;
  targets: Int32Array;
  weights: Float64Array;
  identKinds: Uint8Array;
  identStarts: Int32Array;
  identMembers: Int32Array;
  accountStarts: Int32Array;
  accountItems: Int32Array;
  generic: Uint8Array;
}

type Typed = Int32Array | Float64Array | Uint8Array;

function shared<T extends Typed>(array: T): T {
  const Ctor = array.constructor as new (buffer: SharedArrayBuffer) => T;
  const copy = new Ctor(new SharedArrayBuffer(array.byteLength));
  copy.set(array as never);
  return copy;
}

/** Copies the stage-2 arrays of `projection` into SharedArrayBuffers (once per run). */
export function shareProjection(projection: Projection): SharedProjection {
  const a = projection.arrays;
  return {
    ids: [...a.adjacency.ids],
    offsets: shared(a.adjacency.offsets),
    targets: shared(a.adjacency.targets),
    weights: shared(a.adjacency.weights),
    identKinds: shared(a.identKinds),
    identStarts: shared(a.identStarts),
    identMembers: shared(a.identMembers),
    accountStarts: shared(a.accountIdentifiers.starts),
    accountItems: shared(a.accountIdentifiers.items),
    generic: shared(projection.generic),
  };
}

/** A projection over shared arrays: enough for PartAnalyser; keys, transfers and lookups by id are absent. */
export function projectionFromShared(s: SharedProjection): Projection {
  const adjacency: WeightedAdjacency = { ids: s.ids, offsets: s.offsets, targets: s.targets, weights: s.weights };
  const identifiers = s.identKinds.length;
  const projection = new Projection({
    adjacency,
    accountIndex: new Map(),
    identKinds: s.identKinds,
    identSharers: new Int32Array(identifiers),
    identKeys: new Array<string>(identifiers),
    identStarts: s.identStarts,
    identMembers: s.identMembers,
    accountIdentifiers: { starts: s.accountStarts, items: s.accountItems },
    paymentEnds: new Int32Array(0),
    paymentCounts: new Float64Array(0),
    paymentTotals: new Float64Array(0),
    accountTransfers: { starts: new Int32Array(s.ids.length + 1), items: new Int32Array(0) },
    transferLinks: new Uint8Array(0),
    paymentsMade: new Float64Array(0),
    refundsReceived: new Float64Array(0),
    crowds: [],
    excluded: [],
    stats: emptyProjectionStats(),
  });
  projection.generic.set(s.generic);
  return projection;
}
