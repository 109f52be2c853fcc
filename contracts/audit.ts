/** The audit trail's vocabulary (what can be recorded) and GET /api/audit's filters. */
import { z } from 'zod';

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
