/**
 * Faults, on a throw-away Neo4j of its own (instance `fault`, Bolt 7694 or NEO4J_FAULT_BOLT_PORT, a fresh store each
 * run) — never the shared test instance, which other tests are using. Starting Neo4j dominates here: on a loaded
 * machine that takes minutes, so nothing in this file has a time budget of its own except Neo4j's start (10 min):
 * every wait ends on its condition.
 *   - first start on an empty database creates one admin (password file 0600, printed once); the last enabled
 *     admin cannot be removed, demoted or disabled;
 *   - Neo4j stopped: the API answers 503 with a clear message, /api/health says what is wrong, and the API
 *     recovers by itself when Neo4j is back;
 *   - Neo4j restarted in the middle of `npm run load`: the load finishes and the graph equals a clean load's.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareFirstRun } from '../../scripts/lib/first-run.ts';
import { createApp } from '../../server/app.ts';
import { AuthService } from '../../server/auth/service.ts';
import { loadConfig } from '../../server/config.ts';
import { Db, type DbOptions } from '../../server/db/database.ts';
import { instancePaths, start, stop, type LocalInstanceOptions } from '../../server/db/local-neo4j.ts';
import { createTestUser, signIn, type TestUser } from '../support/auth.ts';
import { runCli, spawnCli } from '../support/cli.ts';
import { serve, type Served } from '../support/http.ts';
import { bulkDataset, tempDir } from '../support/ingest-data.ts';
import { uniquePrefix } from '../support/neo4j.ts';
import { waitFor } from '../support/wait.ts';

const FAULT: LocalInstanceOptions = {
  name: 'fault',
  root: process.env.RINGLENS_HOME || '.ringlens',
  boltPort: Number(process.env.NEO4J_FAULT_BOLT_PORT || 7694),
  httpPort: Number(process.env.NEO4J_FAULT_HTTP_PORT || 7481),
  heapSize: '1g',
  pageCacheSize: '512m',
  startTimeoutMs: 600_000,
};

describe('faults on a throw-away Neo4j (fault, Bolt 7694)', () => {
  let options: DbOptions;
  let db: Db;
  let env: Record<string, string>;

  beforeAll(async () => {
    // A fresh, empty store every run.
    await stop(FAULT);
    const p = instancePaths(FAULT);
    rmSync(join(p.home, 'data'), { recursive: true, force: true });
    rmSync(p.passwordFile, { force: true });
    const inst = await start(FAULT);
    // Short retries, so "Neo4j is down" becomes a 503 in seconds.
    options = { uri: inst.uri, user: inst.user, password: inst.password, database: 'neo4j', maxRetrySeconds: 5 };
    env = { NEO4J_URI: inst.uri, NEO4J_USER: inst.user, NEO4J_PASSWORD: inst.password, NEO4J_DATABASE: 'neo4j' };
    db = await Db.connect(options);
    await db.applySchema();
  }, 0);
  afterAll(async () => {
    await db?.close();
    await stop(FAULT);
  }, 0);

  describe('a new database', () => {
    it('gets one admin on first start, with the password printed once and kept in a 0600 file', async () => {
      const home = mkdtempSync(join(tmpdir(), 'ringlens-home-'));
      const cfg = loadConfig({ RINGLENS_HOME: home, RINGLENS_DEMO_ACCOUNTS: '0' });
      const lines: string[] = [];
      await prepareFirstRun(cfg, options, (l) => lines.push(l));
      const printed = /Created the first user: admin \/ (\S+)/.exec(lines.join('\n'))?.[1];
      const file = join(home, 'credentials', 'admin.password');
      expect(printed).toMatch(/^[A-Za-z0-9_-]{24}$/);
      expect(readFileSync(file, 'utf8').trim()).toBe(printed);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(await new AuthService(db).verifyLogin('admin', printed!)).toEqual({ username: 'admin', role: 'admin' });

      const again: string[] = [];
      await prepareFirstRun(cfg, options, (l) => again.push(l));
      expect(again.join('\n')).not.toContain('Created the first user');
      expect((await new AuthService(db).counts()).users).toBe(1);
      rmSync(home, { recursive: true, force: true });
    });

    it('keeps the last enabled admin: remove, demote and disable are refused (CLI exit 3, API 409)', async () => {
      const r = await runCli('scripts/user.ts', ['remove', 'admin'], env);
      expect(r.code).toBe(3);
      expect(r.stderr).toMatch(/last enabled admin/);
      expect((await runCli('scripts/user.ts', ['role', 'admin', 'viewer'], env)).code).toBe(3);
      // User management takes a fresh browser session: sign in as admin with a password set for the test.
      const auth = new AuthService(db);
      const { password } = await auth.resetPassword('admin');
      const http = await serve(createApp({ db, clientDir: '/nonexistent' }));
      try {
        const s = await signIn(http.base, 'admin', password);
        const res = await fetch(`${http.base}/api/users/admin`, {
          method: 'PATCH',
          headers: { cookie: s.cookie, 'x-csrf-token': s.csrfToken, 'content-type': 'application/json' },
          body: JSON.stringify({ disabled: true }),
        });
        expect(res.status).toBe(409);
        expect((await res.json()).error.message).toMatch(/last enabled admin/);
      } finally {
        await http.close();
      }
    });
  });

  describe('Neo4j stopped and started again', () => {
    let http: Served;
    let viewer: TestUser;
    beforeAll(async () => {
      viewer = await createTestUser(db, 'viewer');
      http = await serve(createApp({ db, clientDir: '/nonexistent' }));
    });
    afterAll(async () => {
      await http?.close();
    });

    it('answers 503 with a clear message while Neo4j is down, and recovers on its own', { timeout: 0 }, async () => {
      const rings = () => fetch(`${http.base}/api/rings`, { headers: viewer.headers });
      expect((await rings()).status).toBe(200);

      await stop(FAULT);
      const down = await rings();
      expect(down.status).toBe(503);
      expect(await down.json()).toEqual({
        error: {
          code: 'database_unavailable',
          message: 'The graph database is unavailable right now; try again shortly.',
        },
      });
      const health = await fetch(`${http.base}/api/health`);
      expect(health.status).toBe(503);
      expect(await health.json()).toMatchObject({
        status: 'degraded',
        neo4j: {
          connected: false,
          error: `Cannot reach Neo4j at ${options.uri} (is it running, and is NEO4J_URI right?).`,
        },
      });

      await start(FAULT);
      // Nothing restarted on the RingLens side: the driver reconnects by itself.
      const status = await waitFor(
        async () => (await rings()).status,
        (s) => s === 200,
        { what: 'the API to answer 200 again', everyMs: 1000 },
      );
      expect(status).toBe(200);
      expect((await fetch(`${http.base}/api/health`)).status).toBe(200);
    });
  });

  describe('Neo4j restarted during a load', () => {
    // Two loads and a Neo4j restart: minutes on a busy machine. No time budget: every wait in it ends on its own
    // condition (the load's first batch, Neo4j answering on Bolt, the load process exiting).
    it(
      'finishes the load (transient errors retried) and ends in the same graph as a clean load',
      { timeout: 0 },
      async () => {
        const n = 6000;
        const clean = uniquePrefix('clean');
        const restarted = uniquePrefix('restart');
        const cleanData = bulkDataset(tempDir(), clean, n);
        const restartData = bulkDataset(tempDir(), restarted, n);
        const args = (d: typeof cleanData) => ['--batch-size', '500', d.accounts, d.links, d.payments];

        const c = await runCli('scripts/load.ts', args(cleanData), env);
        expect(c.code, c.stderr).toBe(0);

        const run = spawnCli('scripts/load.ts', args(restartData), env);
        const partial = await waitFor(
          async () =>
            (await db.read<{ uses: number }>('test-count-accounts-by-prefix.read', { prefix: restarted }))[0]!.uses,
          (uses) => uses > 0,
          { what: 'the load to commit its first batch', giveUpWhen: run.exited },
        );
        const outage = Date.now();
        await stop(FAULT);
        await start(FAULT);
        console.log(`Neo4j was restarted under the load in ${((Date.now() - outage) / 1000).toFixed(1)} s.`);
        const result = await run.done;
        expect(result.code, result.stderr).toBe(0);

        const [mid] = await db.read<{ uses: number }>('test-count-accounts-by-prefix.read', { prefix: restarted });
        expect(partial).toBeLessThan(mid!.uses); // the restart really happened part-way
        const a = await db.read('test-graph-fingerprint.read', { prefix: clean });
        const b = await db.read('test-graph-fingerprint.read', { prefix: restarted });
        expect(b.length).toBe(n);
        expect(b).toEqual(a);
        expect(existsSync(instancePaths(FAULT).logFile)).toBe(true);
      },
    );
  });
});
