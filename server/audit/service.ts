/**
 * The audit trail: append-only (:AuditEvent {id, at, actor, action, objectType, objectId, ip, outcome, details})
 * nodes — who did what, when, to which object, from where, and whether it worked. Nothing in RingLens updates or
 * deletes them.
 *
 * Routes call `await audit(log, req, {...})` after the action and before sending the response, so an action whose
 * audit event could not be written fails instead of going unrecorded. Never put secrets (passwords, tokens) or
 * bulk data into `details`; it is capped at 4 KB.
 */
import type { Request } from 'express';
import { randomUUID } from 'node:crypto';
import type { Db } from '../db/database.ts';
import { principalOf } from '../auth/principal.ts';
import type { AuditAction } from '../../contracts/audit.ts';

export type AuditOutcome = 'success' | 'failure' | 'denied';

export interface AuditEventInput {
  action: AuditAction;
  objectType?: string;
  objectId?: string;
  outcome?: AuditOutcome;
  details?: Record<string, unknown>;
  /** Defaults to the signed-in user; given for sign-in (the attempted username) and the CLI. */
  actor?: string;
}

export interface AuditEvent {
  id: string;
  at: string;
  actor: string;
  action: string;
  objectType: string | null;
  objectId: string | null;
  ip: string | null;
  outcome: AuditOutcome;
  details: unknown;
}

export interface AuditFilter {
  actor?: string;
  action?: string;
  since?: string;
  until?: string;
  page: number;
  pageSize: number;
}

const MAX_DETAILS = 4096;

export class AuditLog {
  constructor(private readonly db: Db) {}

  async record(e: AuditEventInput & { actor: string; ip: string | null }): Promise<string> {
    const id = randomUUID();
    let details = e.details === undefined ? null : JSON.stringify(e.details);
    if (details && details.length > MAX_DETAILS) details = JSON.stringify({ truncated: details.slice(0, MAX_DETAILS) });
    await this.db.write('audit-event-create.write', {
      id,
      actor: e.actor.slice(0, 200),
      action: e.action,
      objectType: e.objectType ?? null,
      objectId: e.objectId?.slice(0, 500) ?? null,
      ip: e.ip,
      outcome: e.outcome ?? 'success',
      details,
    });
    return id;
  }

  async list(f: AuditFilter): Promise<{ items: AuditEvent[]; page: number; pageSize: number; total: number }> {
    const [row] = await this.db.read<{
      total: number;
      items: Array<Omit<AuditEvent, 'details'> & { details: string | null }>;
    }>('audit-events-list.read', {
      actor: f.actor ?? null,
      action: f.action ?? null,
      since: f.since ?? null,
      until: f.until ?? null,
      skip: (f.page - 1) * f.pageSize,
      limit: f.pageSize,
    });
    const items = (row?.items ?? []).map((e) => ({ ...e, details: e.details === null ? null : JSON.parse(e.details) }));
    return { items, page: f.page, pageSize: f.pageSize, total: row?.total ?? 0 };
  }
}

/**
 * Records an audit event for this request in `log` (each router is given the app's AuditLog): actor = the signed-in
 * user (unless given), ip = the client address.
 */
export async function audit(log: AuditLog, req: Request, e: AuditEventInput): Promise<void> {
  await log.record({ ...e, actor: e.actor ?? principalOf(req)?.username ?? 'anonymous', ip: req.ip ?? null });
}
