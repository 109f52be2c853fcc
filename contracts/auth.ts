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
