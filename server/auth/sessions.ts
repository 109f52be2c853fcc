/**
 * Browser sessions, stored server-side in Neo4j as (:User)-[:HAS_SESSION]->(:Session {key, csrf, createdAt,
 * lastSeenAt}). In Neo4j rather than in memory so that sessions survive a restart of the web server, are shared by
 * every RingLens process on one database, and end with their user (disable, reset, remove delete them). The
 * cookie holds a random id; only its SHA-256 is stored, so reading the database does not yield live sessions.
 *
 * A session ends after `sessionIdleMs` without a request and `sessionAbsoluteMs` after sign-in. `lastSeenAt` is
 * written at most every tenth of the idle time, so a busy session costs one read per request, not a write.
 */
import type { Db } from '../db/database.ts';
import type { Role } from '../../contracts/roles.ts';
import type { AuthSettings } from './settings.ts';
import { newCsrfToken, newSessionId, sha256 } from './tokens.ts';

export const SESSION_COOKIE = 'ringlens_session';

export interface ResolvedSession {
  key: string;
  /** When the user signed in (ms since the epoch). */
  signedInAt: number;
  csrfToken: string;
  username: string;
  role: Role;
}

interface StoredSession {
  session: { key: string; csrf: string; createdAt: number; lastSeenAt: number };
  user: { username: string; role: Role; disabled: boolean };
}

export class SessionStore {
  constructor(
    private readonly db: Db,
    private readonly settings: Pick<AuthSettings, 'sessionIdleMs' | 'sessionAbsoluteMs'>,
    private readonly now: () => number = Date.now,
  ) {}

  async create(
    username: string,
    meta: { ip: string | null; userAgent: string | null },
  ): Promise<{ id: string; key: string; csrfToken: string }> {
    const { id, key } = newSessionId();
    const csrfToken = newCsrfToken();
    const now = this.now();
    await this.db.write('auth-session-create.write', { username, key, csrf: csrfToken, now, ...meta });
    // Sign-in is rare: a good moment to drop sessions that expired without a sign-out.
    await this.db.write('auth-sessions-purge.write', {
      idleBefore: now - this.settings.sessionIdleMs,
      createdBefore: now - this.settings.sessionAbsoluteMs,
    });
    return { id, key, csrfToken };
  }

  /** The live session of a cookie value, or undefined (unknown, expired — then deleted — or its user disabled). */
  async resolve(id: string): Promise<ResolvedSession | undefined> {
    const key = sha256(id);
    const [row] = await this.db.read<StoredSession>('auth-session-get.read', { key });
    if (!row) return undefined;
    const now = this.now();
    const { session, user } = row;
    const expired =
      now - session.lastSeenAt >= this.settings.sessionIdleMs ||
      now - session.createdAt >= this.settings.sessionAbsoluteMs;
    if (expired || user.disabled) {
      await this.destroyKey(key);
      return undefined;
    }
    if (now - session.lastSeenAt >= this.settings.sessionIdleMs / 10) {
      await this.db.write('auth-session-touch.write', { key, now });
    }
    return {
      key,
      signedInAt: session.createdAt,
      csrfToken: session.csrf,
      username: user.username,
      role: user.role,
    };
  }

  async destroyKey(key: string): Promise<void> {
    await this.db.write('auth-session-delete.write', { key });
  }

  async destroyUserSessions(username: string): Promise<void> {
    await this.db.write('auth-sessions-delete-user.write', { username });
  }
}
