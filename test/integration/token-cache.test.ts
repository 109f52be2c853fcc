/**
 * The API's memory of good tokens (AuthSettings.tokenCacheMs): a token found good is not looked up again for a
 * while, but every change made through the same service takes effect at once, and a change made elsewhere (the
 * user CLI, another server) within the cache time. Real Neo4j.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthService } from '../../server/auth/service.ts';
import { InvalidAuthSettingsError, validateAuthSettings } from '../../server/auth/settings.ts';
import type { Db } from '../../server/db/database.ts';
import { removeTestUsers } from '../support/auth.ts';
import { manualClock } from '../support/clock.ts';
import { connectTestDb } from '../support/neo4j.ts';

describe('remembered API tokens (real Neo4j)', () => {
  let db: Db;
  const names: string[] = [];
  const newUser = async (auth: AuthService) => {
    const name = `t-tcache-${randomBytes(4).toString('hex')}`;
    names.push(name);
    await auth.createUser(name, 'analyst');
    return { name, token: (await auth.createToken(name, 'cache test', 1)).token };
  };
  beforeAll(async () => {
    db = await connectTestDb();
  });
  afterAll(async () => {
    await removeTestUsers(
      db,
      names.map((username) => ({ username })),
    );
    await db?.close();
  });

  it('changes through the same service take effect at once', async () => {
    const api = new AuthService(db, { tokenCacheMs: 60_000 });
    const a = await newUser(api);
    expect(await api.authenticateToken(a.token)).toMatchObject({ username: a.name, role: 'analyst' });
    await api.updateUser(a.name, { role: 'viewer' });
    expect(await api.authenticateToken(a.token)).toMatchObject({ role: 'viewer' });
    await api.updateUser(a.name, { disabled: true });
    expect(await api.authenticateToken(a.token)).toBeUndefined();

    const b = await newUser(api);
    expect(await api.authenticateToken(b.token)).toMatchObject({ username: b.name });
    const id = b.token.split('_')[1]!;
    await api.revokeToken(b.name, id);
    expect(await api.authenticateToken(b.token)).toBeUndefined();

    const c = await newUser(api);
    expect(await api.authenticateToken(c.token)).toMatchObject({ username: c.name });
    await api.removeUser(c.name);
    expect(await api.authenticateToken(c.token)).toBeUndefined();
  });

  it('a revocation made elsewhere takes effect once the remembered answer is older than tokenCacheMs', async () => {
    const clock = manualClock();
    const api = new AuthService(db, { tokenCacheMs: 400, now: clock.now });
    const cli = new AuthService(db);
    const a = await newUser(cli);
    expect(await api.authenticateToken(a.token)).toMatchObject({ username: a.name });
    await cli.revokeToken(a.name, a.token.split('_')[1]!);
    // The CLI's own service never remembers, so it sees the revocation; the API may trust its answer a little longer.
    expect(await cli.authenticateToken(a.token)).toBeUndefined();
    clock.advance(399);
    expect(await api.authenticateToken(a.token)).toMatchObject({ username: a.name });
    clock.advance(1);
    expect(await api.authenticateToken(a.token)).toBeUndefined();
    // Bad tokens are never remembered: each try is looked up (and so counted by the failure rate limit).
    const forged = a.token.slice(0, -4) + 'AAAA';
    expect(await api.authenticateToken(forged)).toBeUndefined();
  });

  it('refuses a cache time outside 0..60 s', () => {
    expect(validateAuthSettings({ tokenCacheMs: 0 }).tokenCacheMs).toBe(0);
    expect(() => validateAuthSettings({ tokenCacheMs: -1 })).toThrow(InvalidAuthSettingsError);
    expect(() => validateAuthSettings({ tokenCacheMs: 3_600_000 })).toThrow(/tokenCacheMs/);
  });
});
