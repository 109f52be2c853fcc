/**
 * What the signed-in user's role allows, read from the server's own route table (contracts/route-policy.ts), so a button
 * is offered exactly when the API would accept the call. The server still decides: a refused call shows its message.
 */
import { policyFor } from '@contracts/route-policy.ts';
import { hasRole, type Role } from '@contracts/roles.ts';

/** True when `role` may call `method path` (a path under /api, e.g. `/rings/ring-1/notes`). */
export function mayCall(role: Role, method: string, path: string): boolean {
  const policy = policyFor(method, path);
  // Unlisted routes are admin-only on the server (deny by default).
  const access = policy?.access ?? 'admin';
  return access === 'public' || hasRole(role, access);
}

/** The least role that may call `method path`, for "needs the investigator role" hints. */
export function requiredRole(method: string, path: string): Role | null {
  const access = policyFor(method, path)?.access ?? 'admin';
  return access === 'public' ? null : access;
}

/** "Exporting evidence needs the investigator role; you are signed in as a viewer." */
export function needsRoleText(what: string, needs: Role | null, actual: Role): string {
  const article = /^[aeiou]/.test(actual) ? 'an' : 'a';
  return `${what} needs the ${needs ?? 'admin'} role; you are signed in as ${article} ${actual}.`;
}
