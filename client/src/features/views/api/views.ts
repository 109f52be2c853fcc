/**
 * Saved views of the canvas (contracts/views.ts):
 *   POST /api/{rings|accounts}/:id/views   save the canvas with the case
 *   GET  /api/{rings|accounts}/:id/views   the case's saved views
 *   GET  /api/views/:id                    one view with its canvas
 */
import {
  savedViewListSchema,
  savedViewSchema,
  savedViewSummarySchema,
  type SavedView,
  type SavedViewState,
  type SavedViewSummary,
} from '@contracts/views.ts';
import { apiGet, apiPost, segment } from '../../../lib/api-client.ts';
import { useApi } from '../../../lib/use-api.ts';

/** The case a view is saved with. */
export interface ViewTarget {
  type: 'ring' | 'account';
  id: string;
}

const casePath = (t: ViewTarget) => `/api/${t.type === 'ring' ? 'rings' : 'accounts'}/${segment(t.id)}/views`;

export function saveView(t: ViewTarget, name: string, state: SavedViewState): Promise<SavedViewSummary> {
  return apiPost(casePath(t), { name, state }, savedViewSummarySchema);
}

/** `refresh` changes when a view was saved. */
export function useSavedViews(t: ViewTarget, refresh = 0) {
  return useApi(
    `${t.type}:${t.id}#${refresh}`,
    async (signal) => (await apiGet(casePath(t), savedViewListSchema, { signal })).items,
    {
      keepPrevious: true,
    },
  );
}

export function useSavedView(id: string | null) {
  return useApi<SavedView>(id, (signal) => apiGet(`/api/views/${segment(id!)}`, savedViewSchema, { signal }));
}
