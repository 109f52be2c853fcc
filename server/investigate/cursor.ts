/**
 * The opaque "show more" cursor of the neighbours endpoint: base64url JSON holding the offset of the next page and
 * what it pages through (centre, kinds filter, order). A cursor replayed against another query is refused instead of
 * silently paging through the wrong list.
 */
export interface CursorState {
  /** The centre node id. */
  node: string;
  /** Sorted kinds filter, or null for all kinds. */
  kinds: string[] | null;
  order: string;
  offset: number;
}

export class CursorError extends Error {
  override name = 'CursorError';
}

export function encodeCursor(state: CursorState): string {
  const payload = { v: 1, n: state.node, k: state.kinds, o: state.order, s: state.offset };
  return Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
}

/** The state of `cursor`; throws CursorError (a sentence for the client) when it is malformed or from another query. */
export function decodeCursor(cursor: string, expected: Omit<CursorState, 'offset'>): CursorState {
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new CursorError('is not a cursor this API returned.');
  }
  const p = payload as { v?: unknown; n?: unknown; k?: unknown; o?: unknown; s?: unknown };
  if (
    p === null ||
    typeof p !== 'object' ||
    p.v !== 1 ||
    typeof p.n !== 'string' ||
    typeof p.o !== 'string' ||
    typeof p.s !== 'number' ||
    !Number.isSafeInteger(p.s) ||
    p.s < 0 ||
    !(p.k === null || (Array.isArray(p.k) && p.k.every((k) => typeof k === 'string')))
  ) {
    throw new CursorError('is not a cursor this API returned.');
  }
  const kinds = p.k as string[] | null;
  if (p.n !== expected.node || p.o !== expected.order || JSON.stringify(kinds) !== JSON.stringify(expected.kinds)) {
    throw new CursorError('belongs to another neighbour list (node, kinds or order changed); start again without it.');
  }
  return { node: p.n, kinds, order: p.o, offset: p.s };
}
