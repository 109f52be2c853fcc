/** `npm run user` against the real test Neo4j, as an operator would run it: exit codes, output, effects, audit. */
import { randomBytes } from 'node:crypto';
import { userInfo } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthService } from '../../server/auth/service.ts';
import type { Db } from '../../server/db/database.ts';
import { removeTestUsers } from '../support/auth.ts';
import { runCli } from '../support/cli.ts';
import { connectTestDb } from '../support/neo4j.ts';

const user = (...args: string[]) => runCli('scripts/user.ts', args);

describe('npm run user (CLI, real Neo4j)', () => {
  let db: Db;
  let auth: AuthService;
  const name = `t-cli-${randomBytes(4).toString('hex')}`;
  beforeAll(async () => {
    db = await connectTestDb();
    auth = new AuthService(db);
  });
  afterAll(async () => {
    await removeTestUsers(db, [{ username: name }]);
    await db?.close();
  });

  it('--help lists commands, roles and exit codes; bad usage exits 2', async () => {
    const help = await user('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: npm run user -- <command>');
    for (const word of ['add <username> --role', 'token <username> --revoke', 'investigator', 'Exit codes'])
      expect(help.stdout).toContain(word);
    for (const args of [[], ['add', 'Bad Name!', '--role', 'viewer'], ['add', name, '--role', 'root'], ['fly']]) {
      const r = await user(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toContain('--help');
    }
  });

  it('adds a user with a generated password printed once; a second add exits 3', async () => {
    const r = await user('add', name, '--role', 'analyst');
    expect(r.code, r.stderr).toBe(0);
    const password = /^\s+(\S{24})$/m.exec(r.stdout)?.[1];
    expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(await auth.verifyLogin(name, password!)).toEqual({ username: name, role: 'analyst' });
    const again = await user('add', name, '--role', 'viewer');
    expect(again.code).toBe(3);
    expect(again.stderr).toMatch(/already exists/);
    const list = JSON.parse((await user('list', '--json')).stdout);
    const me = list.find((u: { username: string }) => u.username === name);
    expect(me).toMatchObject({ role: 'analyst', disabled: false, tokens: 0 });
    expect(JSON.stringify(list)).not.toMatch(/scrypt\$/);
  });

  it('issues, lists and revokes API tokens', async () => {
    const r = await user('token', name, '--name', 'nightly export', '--days', '7', '--json');
    expect(r.code, r.stderr).toBe(0);
    const t = JSON.parse(r.stdout);
    expect(await auth.authenticateToken(t.token)).toMatchObject({ username: name, role: 'analyst' });
    const list = JSON.parse((await user('token', name, '--list', '--json')).stdout);
    expect(list).toEqual([expect.objectContaining({ id: t.id, name: 'nightly export', revokedAt: null })]);
    expect(JSON.stringify(list)).not.toContain(t.token.slice(-20));
    expect((await user('token', name, '--revoke', t.id)).code).toBe(0);
    expect(await auth.authenticateToken(t.token)).toBeUndefined();
    expect((await user('token', name, '--revoke', 'ffffffffffff')).code).toBe(3);
  });

  it('changes role, disables, enables, resets and removes — each recorded as cli:<login>', async () => {
    expect((await user('role', name, 'investigator')).code).toBe(0);
    expect((await auth.getUser(name)).role).toBe('investigator');
    expect((await user('disable', name)).code).toBe(0);
    const reset = await user('reset', name, '--json');
    const { password } = JSON.parse(reset.stdout);
    expect(await auth.verifyLogin(name, password)).toBeUndefined(); // disabled
    expect((await user('enable', name)).code).toBe(0);
    expect(await auth.verifyLogin(name, password)).toEqual({ username: name, role: 'investigator' });
    expect((await user('remove', name)).code).toBe(0);
    expect((await user('remove', name)).code).toBe(3);
    expect((await user('reset', name)).code).toBe(3);

    const { AuditLog } = await import('../../server/audit/service.ts');
    const events = await new AuditLog(db).list({ actor: `cli:${userInfo().username}`, page: 1, pageSize: 200 });
    const mine = events.items.filter((e) => e.objectId === name).map((e) => e.action);
    expect(mine.reverse()).toEqual([
      'user.create',
      'user.update',
      'user.update',
      'user.password.reset',
      'user.update',
      'user.remove',
    ]);
  });
});
