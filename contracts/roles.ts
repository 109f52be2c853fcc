/**
 * The role ladder. Each role can do everything the roles below it can: viewer (read rings, runs, nodes, search,
 * paths) < analyst (+ annotate) < investigator (+ export, dispositions) < admin (+ ingest, detection, users, audit).
 * Pure, so the web app imports it too.
 */
export const ROLES = ['viewer', 'analyst', 'investigator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** What each role adds to the one below it, for help texts and the web app. */
export const ROLE_ADDS: Record<Role, string> = {
  viewer: 'read rings, runs, nodes, search and paths',
  analyst: 'annotate',
  investigator: 'export evidence and set ring dispositions',
  admin: 'ingest data, run detection, manage users and read the audit trail',
};

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** True when `actual` is `required` or above it on the ladder. */
export function hasRole(actual: Role, required: Role): boolean {
  return ROLES.indexOf(actual) >= ROLES.indexOf(required);
}
