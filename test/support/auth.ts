/**
 * Signed-in test users, made through the real user service (scrypt hash, stored API token), for tests that call
 * the API. Each user has a unique name; removeTestUsers deletes them with their sessions, tokens and audit events.
 *
 *   const admin = await createTestUser(db, 'admin');
 *   await fetch(`${base}/api/rings`, { headers: admin.headers });
 *   await fetch(`${base}/api/detect`, { method: 'POST', headers: admin.json, body: '{}' });
 */
import { randomBytes } from 'node:crypto';
import type { Db } from '../../server/db/database.ts';
import type { Role } from '../../contracts/roles.ts';
import { AuthService } from '../../server/auth/service.ts';

export interface TestUser {
  username: string;
  role: Role;
  password: string;
  /** An API token of this user (`rlt_…`). */
  token: string;
  /** `Authorization: Bearer <token>`. */
  headers: Record<string, string>;
  /** The same plus `Content-Type: application/json`, for bodies. */
  json: Record<string, string>;
}

const created = new Map<Db, string[]>();

export async function createTestUser(db: Db, role: Role, name: string = role): Promise<TestUser> {
  const username = `t-${name}-${randomBytes(4).toString('hex')}`;
  const auth = new AuthService(db);
  const { password } = await auth.createUser(username, role);
  const { token } = await auth.createToken(username, 'test', 1);
  created.set(db, [...(created.get(db) ?? []), username]);
  const headers = { authorization: `Bearer ${token}` };
  return { username, role, password, token, headers, json: { ...headers, 'content-type': 'application/json' } };
}

/** Removes the given users (default: every user this process created on `db`) and their audit events. */
export async function removeTestUsers(db: Db, users?: Array<{ username: string }>): Promise<void> {
  const usernames = users?.map((u) => u.username) ?? created.get(db) ?? [];
  if (usernames.length) await db.write('test-auth-cleanup.write', { usernames });
  if (!users) created.delete(db);
}

/** Signs in through POST /api/auth/login: the session cookie (for a Cookie header) and the CSRF token. */
export async function signIn(
  base: string,
  username: string,
  password: string,
): Promise<{ cookie: string; csrfToken: string; status: number }> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const setCookie = res.headers.get('set-cookie') ?? '';
  const body = (await res.json()) as { csrfToken?: string };
  return { cookie: setCookie.split(';')[0] ?? '', csrfToken: body.csrfToken ?? '', status: res.status };
}

/**
 * Headers of a freshly signed-in browser session (cookie, CSRF token, JSON body): what user management needs, since
 * API tokens may not manage users.
 */
export async function sessionHeaders(base: string, user: { username: string; password: string }) {
  const s = await signIn(base, user.username, user.password);
  if (s.status !== 200) throw new Error(`${user.username} could not sign in (${s.status}).`);
  return { cookie: s.cookie, 'x-csrf-token': s.csrfToken, 'content-type': 'application/json' };
}
