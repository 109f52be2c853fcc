/** GET /api/search?q=: accounts by id and identifiers by value, normalised by the server like ingest does. */
import { searchResponseSchema, type SearchResponse } from '@contracts/investigate.ts';
import { apiGet } from '../../../lib/api-client.ts';

export function search(q: string, signal?: AbortSignal): Promise<SearchResponse> {
  return apiGet('/api/search', searchResponseSchema, { params: { q, limit: 12 }, signal });
}
