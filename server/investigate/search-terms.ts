/**
 * What a search query means for each kind of node: the account id as typed, and for every identifier kind the query
 * normalised exactly as ingest normalises that kind (server/ingest/normalize.ts), so `J.Doe+promo@googlemail.com`
 * finds the canonical `jdoe@gmail.com` node. A kind whose normaliser refuses the query is not searched.
 */
import { normalizeIdentifier } from '../ingest/normalize.ts';
import { IDENTIFIER_KINDS, type IdentifierKind } from '../../contracts/vocabulary.ts';

export type SearchTerms = { account: string } & Record<IdentifierKind, string | null>;

export function searchTerms(q: string): SearchTerms {
  const trimmed = q.trim();
  const terms = { account: trimmed } as SearchTerms;
  for (const kind of IDENTIFIER_KINDS) {
    try {
      // Phones written without a country code are read as US numbers, the loader's default.
      terms[kind] = normalizeIdentifier(kind, trimmed).key;
    } catch {
      terms[kind] = null;
    }
  }
  return terms;
}
