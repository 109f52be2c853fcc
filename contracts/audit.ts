/** The audit trail's vocabulary (what can be recorded), GET /api/audit's filters and its response. */
import { z } from 'zod';
import { pageOf } from './page.ts';

export const AUDIT_ACTIONS = [
  'auth.login',
  'auth.logout',
  'auth.token.create',
  'auth.token.revoke',
  'user.create',
  'user.update',
  'user.password.reset',
  'user.remove',
  'access.denied',
  /** Refused requests (401, 403, 429), one event per actor, address, status and window: server/audit/refusals.ts. */
  'access.refused',
  'ingest',
  'detect.start',
  'note.add',
  'note.edit',
  'tags.set',
  'disposition.set',
  'view.save',
  'export',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AuditQuery = z
  .object({
    actor: z.string().min(1).max(200).optional(),
    action: z.enum(AUDIT_ACTIONS).optional(),
    since: z.iso.datetime({ offset: true }).optional(),
    until: z.iso.datetime({ offset: true }).optional(),
    page: z.coerce.number().int().min(1).max(100_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();
export type AuditQuery = z.infer<typeof AuditQuery>;

/** Whether the audited action worked, failed (a wrong password), or was refused (a role or rate limit). */
export const AUDIT_OUTCOMES = ['success', 'failure', 'denied'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

// --- Response: GET /api/audit ----------------------------------------------------------------------------------------

/**
 * One recorded event. `action` is read as a plain string so an event recorded under an action that was later renamed
 * still lists; `details` is what the action recorded (JSON, at most 4 KB), null when it recorded none.
 */
export const AuditEvent = z.object({
  id: z.string(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  objectType: z.string().nullable(),
  objectId: z.string().nullable(),
  ip: z.string().nullable(),
  outcome: z.enum(AUDIT_OUTCOMES),
  details: z.record(z.string(), z.unknown()).nullable(),
});
export type AuditEvent = z.infer<typeof AuditEvent>;

/** GET /api/audit: one page of events, newest first, and how many match the filters. */
export const AuditPage = pageOf(AuditEvent);
export type AuditPage = z.infer<typeof AuditPage>;
