/** Request and response shapes of the auth and user API, shared with the web app as z.infer types. */
import { z } from 'zod';
import { ROLES } from './roles.ts';

export const Username = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9._-]{1,63}$/,
    'a username of 2–64 characters: lower-case letters, digits, dots, dashes and underscores',
  );
export const Password = z.string().min(12, 'at least 12 characters').max(256, 'at most 256 characters');
/** No control, format (bidi overrides, zero-width) or unassigned characters. */
const Printable = z.string().regex(/^[^\p{C}]*$/u, 'printable characters only');

export const LoginBody = z
  .object({
    // Any string up to a bound: a malformed username is simply a wrong one (401), so shape errors say nothing.
    username: z.string().min(1).max(128),
    password: z.string().min(1).max(1024),
  })
  .strict();

export const MeResponse = z.object({
  username: z.string(),
  role: z.enum(ROLES),
  via: z.enum(['session', 'token']),
  /** Session only: send it back as X-CSRF-Token on POST/PUT/PATCH/DELETE. */
  csrfToken: z.string().optional(),
});
export type Me = z.infer<typeof MeResponse>;

export const TokenCreateBody = z
  .object({
    name: Printable.trim().min(1).max(64),
    expiresInDays: z.number().int().min(1).max(365).default(90),
  })
  .strict();

export const TokenIdParam = z.object({ id: z.string().regex(/^[0-9a-f]{12}$/, 'a token id of 12 hex digits') });
export const UsernameParam = z.object({ username: Username });

export const UserCreateBody = z
  .object({
    username: Username,
    role: z.enum(ROLES),
    /** Omitted: a password is generated and returned once. */
    password: Password.optional(),
  })
  .strict();

export const UserUpdateBody = z
  .object({
    role: z.enum(ROLES).optional(),
    disabled: z.boolean().optional(),
    /** Replaces the password with a generated one (returned once) and ends the user's sessions. */
    resetPassword: z.literal(true).optional(),
  })
  .strict()
  .refine((b) => b.role !== undefined || b.disabled !== undefined || b.resetPassword, {
    message: 'give at least one of role, disabled, resetPassword',
  });

// --- Responses: API tokens (/api/auth/tokens) and users (/api/users) ------------------------------------------------
// No transforms here: what the server sends (server/auth/service.ts, user-routes.ts) is what a caller reads.

/** An API token without its secret; revoked and expired tokens stay listed. */
export const TokenSummary = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type TokenSummary = z.infer<typeof TokenSummary>;

/** GET /api/auth/tokens: your tokens, newest first. */
export const TokenList = z.object({ items: z.array(TokenSummary) });
export type TokenList = z.infer<typeof TokenList>;

/** POST /api/auth/tokens (201): the new token with its secret `token`, shown this once. */
export const TokenCreated = TokenSummary.extend({ token: z.string() });
export type TokenCreated = z.infer<typeof TokenCreated>;

/** A user as GET /api/users lists them: never their password hash; `tokens` counts their usable API tokens. */
export const UserSummary = z.object({
  username: z.string(),
  role: z.enum(ROLES),
  disabled: z.boolean(),
  createdAt: z.string(),
  tokens: z.number().int(),
});
export type UserSummary = z.infer<typeof UserSummary>;

/** GET /api/users: every user, by username. */
export const UserList = z.object({ items: z.array(UserSummary) });
export type UserList = z.infer<typeof UserList>;

/** POST /api/users (201): the generated password comes back once, only when none was given. */
export const UserCreated = z.object({ username: z.string(), role: z.enum(ROLES), password: z.string().optional() });
export type UserCreated = z.infer<typeof UserCreated>;

/** PATCH /api/users/:username: the user's role and state after the change; with resetPassword, the new password. */
export const UserUpdated = UserCreated.extend({ disabled: z.boolean() });
export type UserUpdated = z.infer<typeof UserUpdated>;
