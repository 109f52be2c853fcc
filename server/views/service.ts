/**
 * Saved views of the canvas, kept with a case (a ring or an account) next to its annotations: each save is a new
 * (:SavedView) linked from its target, never changed afterwards. The canvas is stored as JSON text and checked against
 * its schema (contracts/views.ts) on the way in and on the way out.
 */
import { randomUUID } from 'node:crypto';
import { decodeJsonProperty as decode } from '../db/convert.ts';
import type { Db } from '../db/database.ts';
import { NotFoundError } from '../errors.ts';
import {
  savedViewStateSchema,
  type SavedView,
  type SavedViewSummary,
  type SaveViewBody,
} from '../../contracts/views.ts';

export interface ViewTarget {
  targetType: 'ring' | 'account';
  targetId: string;
}

export async function saveView(db: Db, t: ViewTarget, author: string, body: SaveViewBody): Promise<SavedViewSummary> {
  const [row] = await db.write<{ view: SavedViewSummary }>('view-add.write', {
    ...t,
    id: randomUUID(),
    name: body.name,
    author,
    nodeCount: body.state.nodes.length,
    state: JSON.stringify(body.state),
  });
  if (!row) throw new NotFoundError(`No ${t.targetType} ${t.targetId}.`);
  return row.view;
}

export async function listViews(db: Db, t: ViewTarget): Promise<SavedViewSummary[]> {
  const rows = await db.read<{ view: SavedViewSummary }>('views-for-target.read', { ...t });
  return rows.map((r) => r.view);
}

export async function getView(db: Db, id: string): Promise<SavedView> {
  const [row] = await db.read<{ view: SavedViewSummary & { state: string } }>('view-get.read', { id });
  if (!row) throw new NotFoundError(`No saved view ${id}.`);
  const { state, ...view } = row.view;
  return { ...view, state: savedViewStateSchema.parse(decode(state)) };
}
