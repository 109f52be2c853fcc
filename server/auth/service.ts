/**
 * Users and API tokens: the one module that reads and writes (:User) and (:ApiToken), used by the API
 * (routes.ts, user-routes.ts), `npm run user` and the first-run admin. Users are
 * (:User {username, role, passwordHash, createdAt, disabled}); a token is (:User)-[:HAS_TOKEN]->(:ApiToken {id,
 * name, secretHash, createdAt, expiresAt, lastUsedAt, revokedAt}).
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../db/database.ts';
import { ConflictError, NotFoundError } from '../errors.ts';
import { generatePassword, hashPassword, verifyAgainstDummy, verifyPassword } from './scrypt.ts';
import type { Role } from '../../contracts/roles.ts';
import { newApiToken, parseApiToken, safeEqual, sha256 } from './tokens.ts';

export interface UserSummary {
  username: string;
  role: Role;
  disabled: boolean;
  createdAt: string;
  tokens: number;
}

export interface TokenSummary {
  id: string;
  name: string;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface TokenOwner {
  username: string;
  role: Role;
  tokenId: string;
}

export const MAX_ACTIVE_TOKENS = 25;
const LIST_LIMIT = 1000;

/** Tokens remembered as good at most (a bound on memory; the cache is emptied when full). */
const TOKEN_CACHE_MAX = 10_000;

export interface AuthServiceOptions {
  /** How long a token found good is trusted without a lookup (AuthSettings.tokenCacheMs); 0, the default, never. */
  tokenCacheMs?: number;
  /** The clock (ms since the epoch) the cache reads; Date.now unless a test injects one. */
  now?: () => number;
}

export class AuthService {
  /** sha256(token) → its owner and until when that is trusted. Only good tokens; any change to users empties it. */
  private readonly goodTokens = new Map<string, { owner: TokenOwner; until: number }>();
  private readonly tokenCacheMs: number;
  private readonly now: () => number;

  constructor(
    private readonly db: Db,
    options: AuthServiceOptions = {},
  ) {
    this.tokenCacheMs = options.tokenCacheMs ?? 0;
    this.now = options.now ?? Date.now;
  }

  /**
   * Bumped after every change that can make a good token bad. A lookup that read the row before the change committed
   * either finishes before the bump (and its entry is cleared by it) or after (and is not remembered).
   */
  private generation = 0;

  /** Forgets every remembered token: after anything that can make a good token bad has been written. */
  private forgetTokens(): void {
    this.generation++;
    this.goodTokens.clear();
  }

  /** Creates a user; without a password one is generated. Returns the password (to show once). */
  async createUser(username: string, role: Role, password = generatePassword()): Promise<{ password: string }> {
    const [row] = await this.db.write<{ created: boolean }>('auth-user-create.write', {
      username,
      role,
      passwordHash: await hashPassword(password),
      createId: randomUUID(),
    });
    if (!row?.created) throw new ConflictError(`A user named ${username} already exists.`);
    return { password };
  }

  async listUsers(): Promise<UserSummary[]> {
    const rows = await this.db.read<{ user: UserSummary }>('auth-users-list.read', { limit: LIST_LIMIT });
    return rows.map((r) => r.user);
  }

  async counts(): Promise<{ users: number; admins: number }> {
    const [row] = await this.db.read<{ users: number; admins: number }>('auth-users-count.read', {
      adminRole: 'admin',
    });
    return row ?? { users: 0, admins: 0 };
  }

  /** Changes role and/or disabled state; refuses to leave no enabled admin. */
  async updateUser(username: string, change: { role?: Role; disabled?: boolean }): Promise<UserSummary> {
    const current = await this.getUser(username);
    const losesAdmin =
      current.role === 'admin' &&
      !current.disabled &&
      ((change.role !== undefined && change.role !== 'admin') || change.disabled === true);
    if (losesAdmin) await this.refuseLastAdmin(username, 'demote or disable');
    const [row] = await this.db.write<{ user: UserSummary }>('auth-user-update.write', {
      username,
      role: change.role ?? null,
      disabled: change.disabled ?? null,
    });
    this.forgetTokens();
    if (!row) throw new NotFoundError(`No user named ${username}.`);
    return { ...row.user, tokens: 0 };
  }

  /**
   * Sets a new password (generated when not given) and returns it, revoking every API token of the user (a token
   * minted by whoever knew the old password must not outlive the reset); sessions are ended by the caller.
   */
  async resetPassword(
    username: string,
    password = generatePassword(),
  ): Promise<{ password: string; revokedTokens: number }> {
    const [row] = await this.db.write<{ revokedTokens: number }>('auth-user-set-hash.write', {
      username,
      passwordHash: await hashPassword(password),
    });
    this.forgetTokens();
    if (!row) throw new NotFoundError(`No user named ${username}.`);
    return { password, revokedTokens: row.revokedTokens };
  }

  /** Removes a user with their sessions and tokens; refuses to remove the last enabled admin. */
  async removeUser(username: string): Promise<void> {
    const user = await this.getUser(username);
    if (user.role === 'admin' && !user.disabled) await this.refuseLastAdmin(username, 'remove');
    await this.db.write('auth-user-delete.write', { username });
    this.forgetTokens();
  }

  /**
   * The user whose password this is, or undefined. Takes the same time whether or not the user exists; a
   * disabled user never signs in.
   */
  async verifyLogin(username: string, password: string): Promise<{ username: string; role: Role } | undefined> {
    const [row] = await this.db.read<{
      user: { username: string; role: Role; passwordHash: string; disabled: boolean };
    }>('auth-user-get.read', { username });
    if (!row) return verifyAgainstDummy(password).then(() => undefined);
    const ok = await verifyPassword(password, row.user.passwordHash);
    return ok && !row.user.disabled ? { username: row.user.username, role: row.user.role } : undefined;
  }

  /** Issues an API token; the returned `token` is the only time the secret exists outside the client. */
  async createToken(username: string, name: string, expiresInDays: number): Promise<TokenSummary & { token: string }> {
    const t = newApiToken();
    const [row] = await this.db.write<{ token: TokenSummary }>('auth-token-create.write', {
      username,
      id: t.id,
      name,
      secretHash: t.secretHash,
      expiresInDays,
      maxActive: MAX_ACTIVE_TOKENS,
    });
    if (!row) {
      await this.getUser(username);
      throw new ConflictError(`${username} already has ${MAX_ACTIVE_TOKENS} usable tokens; revoke one first.`);
    }
    return { ...row.token, lastUsedAt: null, revokedAt: null, token: t.token };
  }

  async listTokens(username: string): Promise<TokenSummary[]> {
    const rows = await this.db.read<{ token: TokenSummary }>('auth-tokens-list.read', { username, limit: 100 });
    return rows.map((r) => r.token);
  }

  /** Revokes one of the user's own tokens (another user's token id is simply not found). */
  async revokeToken(username: string, id: string): Promise<void> {
    const rows = await this.db.write('auth-token-revoke.write', { username, id });
    this.forgetTokens();
    if (rows.length === 0) throw new NotFoundError(`You have no API token ${id}.`);
  }

  /**
   * The owner of a usable token, or undefined (malformed, unknown, revoked, expired, or its user disabled). A token
   * found good is trusted for tokenCacheMs without another lookup; a bad one is looked up every time.
   */
  async authenticateToken(token: string): Promise<TokenOwner | undefined> {
    const parsed = parseApiToken(token);
    if (!parsed) return undefined;
    const cacheKey = this.tokenCacheMs > 0 ? sha256(token) : '';
    if (cacheKey) {
      const hit = this.goodTokens.get(cacheKey);
      if (hit && hit.until > this.now()) return hit.owner;
      this.goodTokens.delete(cacheKey);
    }
    const generation = this.generation;
    const [row] = await this.db.read<{
      secretHash: string;
      unusable: boolean;
      stale: boolean;
      user: { username: string; role: Role; disabled: boolean };
    }>('auth-token-get.read', { id: parsed.id });
    if (!row || !safeEqual(row.secretHash, sha256(parsed.secret))) return undefined;
    if (row.unusable || row.user.disabled) return undefined;
    if (row.stale) await this.db.write('auth-token-touch.write', { id: parsed.id });
    const owner = { username: row.user.username, role: row.user.role, tokenId: parsed.id };
    // Not remembered when a change to users happened while it was being looked up (the row may predate it).
    if (cacheKey && generation === this.generation) {
      if (this.goodTokens.size >= TOKEN_CACHE_MAX) this.goodTokens.clear();
      this.goodTokens.set(cacheKey, { owner, until: this.now() + this.tokenCacheMs });
    }
    return owner;
  }

  async getUser(username: string): Promise<{ username: string; role: Role; disabled: boolean }> {
    const [row] = await this.db.read<{ user: { username: string; role: Role; disabled: boolean } }>(
      'auth-user-get.read',
      { username },
    );
    if (!row) throw new NotFoundError(`No user named ${username}.`);
    return { username: row.user.username, role: row.user.role, disabled: row.user.disabled };
  }

  private async refuseLastAdmin(username: string, what: string): Promise<void> {
    const { admins } = await this.counts();
    if (admins <= 1)
      throw new ConflictError(`${username} is the last enabled admin; cannot ${what} them. Make another admin first.`);
  }
}
