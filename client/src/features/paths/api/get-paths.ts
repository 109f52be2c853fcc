/** GET /api/paths: shortest paths between two accounts through shared identifiers (and payments). */
import { pathsResponseSchema, type PathsResponse } from '@contracts/investigate.ts';
import { apiGet } from '../../../lib/api-client.ts';

export interface PathsRequest {
  from: string;
  to: string;
  maxHops: number;
  includePaid: boolean;
}

export function getPaths(req: PathsRequest, signal?: AbortSignal): Promise<PathsResponse> {
  return apiGet('/api/paths', pathsResponseSchema, { params: { ...req }, signal });
}
