/**
 * Issue 14 (hardening, round 2) end to end against the real test Neo4j — each block failed before its fix:
 *   1. sign-in guesses are counted before the password is hashed (25 at once: at most 5 evaluated), and lock-out is
 *      not a denial of service (a browser that signed in before still signs in; back-off per username + address);
 *   2. an oversized value is refused by validation, naming file, line, field and limit (API, --dry-run), and the
 *      nightly job with --skip-invalid puts it in its rejects file and carries on;
 *   4. evidence bundles are signed: a forged bundle (row changed, SHA-256 recomputed) is not intact, and the export
 *      is recorded in the audit trail;
 *   5. an API token cannot manage users; that needs a fresh session; a password reset revokes the user's tokens;
 *   6. invalid Authorization headers do not lock valid tokens out of the same address (with a loopback flood);
 *   7. a detection run whose process died shows as abandoned, and is recorded so by the next run;
 *   9. refusals (CSRF, 403, 429) reach the audit trail, aggregated.
 * Clocks are injected (createApp `now`); nothing asserts on elapsed time.
 */
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type AppDeps } from '../../server/app.ts';
import type { RefusalAudit } from '../../server/audit/refusals.ts';
import type { AuditEvent } from '../../server/audit/service.ts';
import type { Db } from '../../server/db/database.ts';
import { buildBundle, verifyBundle, type Manifest } from '../../server/export/bundle.ts';
import { loadRingEvidence } from '../../server/export/ring-evidence.ts';
import { FIELD_LIMITS } from '../../server/ingest/schemas.ts';
import type { NightlyReport } from '../../server/nightly/report.ts';
import { ephemeralSecrets } from '../../server/secrets.ts';
import { createTestUser, removeTestUsers, sessionHeaders, signIn, type TestUser } from '../support/auth.ts';
import { runCli } from '../support/cli.ts';
import { serve, type Served } from '../support/http.ts';
import { tempDir, writeLines } from '../support/ingest-data.ts';
import {
  createTestRings,
  fixtureRings,
  loadInvestigateFixture,
  removeTestRings,
  type TestRing,
} from '../support/investigate-data.ts';
import { connectTestDb, uniquePrefix } from '../support/neo4j.ts';

const p = uniquePrefix('sec14');

describe('security regressions of issue 14 (real Neo4j)', () => {
  let db: Db;
  let admin: TestUser;
  let investigator: TestUser;
  let viewer: TestUser;
  const servers: Served[] = [];
  const secrets = ephemeralSecrets();
  /** The injected clock: it stands still unless a test moves it. */
  let clock = Date.now();
  const now = () => clock;
  let refusals: RefusalAudit | undefined;
  const start = async (deps: Partial<AppDeps> = {}) => {
    const s = await serve(
      createApp({
        db,
        clientDir: '/nonexistent',
        secrets,
        now,
        onRefusalAudit: (r) => (refusals = r),
        ...deps,
      }),
    );
    servers.push(s);
    return s.base;
  };
  const login = (base: string, username: string, password: string, headers: Record<string, string> = {}) =>
    fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ username, password }),
    });
  const auditOf = async (actor: string, action: string): Promise<AuditEvent[]> => {
    const [row] = await db.read<{ items: AuditEvent[] }>('audit-events-list.read', {
      actor,
      action,
      since: null,
      until: null,
      skip: 0,
      limit: 1000,
    });
    return (row?.items ?? []).map((e) => ({
      ...e,
      details: typeof e.details === 'string' ? JSON.parse(e.details) : e.details,
    }));
  };

  beforeAll(async () => {
    db = await connectTestDb();
    admin = await createTestUser(db, 'admin');
    investigator = await createTestUser(db, 'investigator');
    viewer = await createTestUser(db, 'viewer');
  });
  afterAll(async () => {
    for (const s of servers) await s.close();
    await removeTestUsers(db);
    await db?.close();
  });

  describe('1. sign-in guessing', () => {
    it('counts 25 concurrent wrong guesses before hashing: at most 5 are evaluated, the rest get 429', async () => {
      const base = await start();
      const victim = await createTestUser(db, 'viewer', 'guessed');
      const answers = await Promise.all(
        Array.from({ length: 25 }, (_, i) => login(base, victim.username, `wrong-${i}`)),
      );
      const statuses = answers.map((r) => r.status);
      const evaluated = statuses.filter((s) => s === 401).length;
      expect(evaluated).toBeGreaterThanOrEqual(1);
      expect(evaluated).toBeLessThanOrEqual(5);
      expect(statuses.filter((s) => s === 429)).toHaveLength(25 - evaluated);
      // Each evaluated guess left a failure event; refused ones were never hashed.
      expect(await auditOf(victim.username, 'auth.login')).toHaveLength(evaluated);
    });

    it('also when the 25 guesses come from 25 addresses (the per-username ceiling)', async () => {
      const base = await start({ trustProxy: 'loopback' });
      const victim = await createTestUser(db, 'viewer', 'spread');
      const answers = await Promise.all(
        Array.from({ length: 25 }, (_, i) =>
          login(base, victim.username, `wrong-${i}`, { 'x-forwarded-for': `198.51.100.${i + 1}` }),
        ),
      );
      const evaluated = answers.filter((r) => r.status === 401).length;
      expect(evaluated).toBeLessThanOrEqual(5);
      expect(answers.filter((r) => r.status === 429)).toHaveLength(25 - evaluated);
    });

    it('does not let guessers lock the user out: a browser that signed in before still gets in', async () => {
      const base = await start({ trustProxy: 'loopback' });
      const victim = await createTestUser(db, 'admin', 'dos');
      // The victim's own browser signed in yesterday and kept its device cookie.
      const earlier = await login(base, victim.username, victim.password, { 'x-forwarded-for': '192.0.2.10' });
      expect(earlier.status).toBe(200);
      const device = earlier.headers
        .getSetCookie()
        .find((c) => c.startsWith('ringlens_device='))!
        .split(';')[0]!;
      // Guessers from many addresses exhaust the ceiling for browsers unknown to this user …
      for (let i = 0; i < 8; i++)
        await login(base, victim.username, `guess-${i}`, { 'x-forwarded-for': `203.0.113.${i + 1}` });
      const stranger = await login(base, victim.username, victim.password, { 'x-forwarded-for': '192.0.2.99' });
      expect(stranger.status).toBe(429);
      // … but the right password from the known browser passes, and a device cookie of another user does not help.
      const known = await login(base, victim.username, victim.password, {
        'x-forwarded-for': '192.0.2.10',
        cookie: device,
      });
      expect(known.status).toBe(200);
      const forged = device.replace(/\.[\w-]+$/, `.${'A'.repeat(43)}`);
      expect(
        (await login(base, victim.username, victim.password, { 'x-forwarded-for': '192.0.2.11', cookie: forged }))
          .status,
      ).toBe(429);
    });

    it('backs off exponentially per username and address, and a success clears it (injected clock)', async () => {
      const base = await start();
      const user = await createTestUser(db, 'viewer', 'backoff');
      for (let i = 0; i < 3; i++) expect((await login(base, user.username, `typo-${i}`)).status).toBe(401);
      const waiting = await login(base, user.username, user.password);
      expect(waiting.status).toBe(429);
      expect(waiting.headers.get('retry-after')).toBe('1');
      clock += 1000;
      expect((await login(base, user.username, 'typo-3')).status).toBe(401);
      const longer = await login(base, user.username, user.password);
      expect(longer.headers.get('retry-after')).toBe('2');
      clock += 2000;
      expect((await login(base, user.username, user.password)).status).toBe(200);
      expect((await login(base, user.username, 'typo-after')).status).toBe(401); // the pair starts afresh
    });
  });

  describe('2. oversized values', () => {
    const dir = tempDir();
    const huge = 'd'.repeat(8200);
    const links = [
      'account_id,kind,value,seen_at',
      `${p}acc1,device,${p}dev-ok,2026-05-01T00:00:00Z`,
      `${p}acc1,device,${huge},2026-05-01T00:00:00Z`,
      `${p}acc2,device,${p}dev-ok,2026-05-01T00:00:00Z`,
    ];
    afterAll(async () => {
      await db.write('test-ingest-cleanup.write', { prefix: p });
    });

    it('POST /api/ingest refuses it with 400 naming the field and the limit (not a 500)', async () => {
      const base = await start();
      const res = await fetch(`${base}/api/ingest`, {
        method: 'POST',
        headers: admin.json,
        body: JSON.stringify({
          kind: 'links',
          records: [{ account_id: `${p}acc1`, kind: 'device', value: huge, seen_at: '2026-05-01T00:00:00Z' }],
        }),
      });
      expect(res.status).toBe(400);
      const body = await res.json();
      expect(body.error.details).toEqual([
        { path: 'records[0].value', message: `must be at most ${FIELD_LIMITS.value} characters (this one has 8200).` },
      ]);
    });

    it('npm run load -- --dry-run finds it, naming file, line, field and limit', async () => {
      const file = writeLines(dir, 'links-dry.csv', links);
      const r = await runCli('scripts/load.ts', ['--dry-run', file]);
      expect(r.code).toBe(3);
      expect(r.stderr).toContain(
        `links-dry.csv:3: field 'value': must be at most ${FIELD_LIMITS.value} characters (this one has 8200).`,
      );
      expect(r.stdout).not.toMatch(/All \d+ rows are valid/);
    });

    it('the nightly job with --skip-invalid puts it in the rejects file and carries on', async () => {
      const input = join(dir, 'drop');
      const reports = join(dir, 'reports');
      mkdirSync(input);
      writeLines(input, 'links-night.csv', links);
      const job = `t${p.slice(2, -1)}`;
      const r = await runCli('scripts/nightly.ts', [
        '--json',
        '--job',
        job,
        '--date',
        '2026-05-02',
        '--input',
        input,
        '--report-dir',
        reports,
        '--skip-invalid',
        '--alert-exit-code',
        '0',
      ]);
      try {
        expect(r.code, r.stderr).toBe(0);
        const night = join(reports, job, '2026-05-02');
        const report = JSON.parse(readFileSync(join(night, 'report.json'), 'utf8')) as NightlyReport;
        expect(report.input.files).toEqual([
          expect.objectContaining({ name: 'links-night.csv', rows: 3, rejected: 1 }),
        ]);
        const rejects = readFileSync(join(night, 'rejects.ndjson'), 'utf8').trim().split('\n');
        expect(rejects).toHaveLength(1);
        const rejected = JSON.parse(rejects[0]!);
        expect(rejected).toMatchObject({ line: 3, field: 'value', raw: { value: huge } });
        expect(rejected.message).toMatch(/must be at most 1000 characters/);
        // The valid rows were written: both accounts of the file exist.
        const loaded = await db.read<{ id: string }>('test-accounts-by-prefix.read', { prefix: `${p}acc` });
        expect(loaded.map((a) => a.id)).toEqual([`${p}acc1`, `${p}acc2`]);
      } finally {
        await db.write('test-nightly-cleanup.write', { job });
      }
    });
  });

  describe('4. evidence bundles', () => {
    let rings: TestRing[];
    beforeAll(async () => {
      rings = fixtureRings(await loadInvestigateFixture(db, `${p}ev-`));
      await createTestRings(db, rings);
    });
    afterAll(async () => {
      await removeTestRings(db, rings);
      await db.write('test-ingest-cleanup.write', { prefix: `${p}ev-` });
    });

    it('signs the manifest, records the bundle in the audit trail, and reports a forged bundle as not intact', async () => {
      const base = await start();
      const ring = rings[0]!;
      const res = await fetch(`${base}/api/rings/${ring.id}/export?format=zip`, { headers: investigator.headers });
      expect(res.status).toBe(200);
      const zip = new Uint8Array(await res.arrayBuffer());
      const genuine = verifyBundle(zip, secrets.publicKey);
      expect(genuine.problems).toEqual([]);
      // The export event holds the zip's and the signed manifest's SHA-256.
      const [exported] = await auditOf(investigator.username, 'export');
      expect(exported!.details).toMatchObject({
        format: 'zip',
        sha256: createHash('sha256').update(zip).digest('hex'),
        manifestSha256: genuine.manifestSha256,
      });

      // The forgery of the issue: change a row of nodes.csv and recompute its hash in the manifest.
      const entries = unzipSync(zip);
      const nodes = strFromU8(entries['nodes.csv']!).replace('known_fraud', 'legit');
      entries['nodes.csv'] = strToU8(nodes);
      const manifest = JSON.parse(strFromU8(entries['manifest.json']!)) as Manifest;
      const f = manifest.files.find((x) => x.name === 'nodes.csv')!;
      f.sha256 = createHash('sha256').update(entries['nodes.csv']!).digest('hex');
      f.bytes = entries['nodes.csv']!.length;
      entries['manifest.json'] = strToU8(`${JSON.stringify(manifest, null, 2)}\n`);
      const forged = zipSync(entries);
      const check = verifyBundle(forged, secrets.publicKey);
      expect(check.ok).toBe(false);
      expect(check.problems.join('\n')).toMatch(/manifest\.json does not match its signature/);
      // Re-signing with the forger's own key does not help either.
      const other = generateKeyPairSync('ed25519');
      entries['manifest.sig'] = strToU8(sign(null, entries['manifest.json']!, other.privateKey).toString('base64'));
      expect(verifyBundle(zipSync(entries), secrets.publicKey).ok).toBe(false);

      // The CLI, with the server's public key and the audit trail.
      const dir = tempDir();
      const pem = join(dir, 'server.pub.pem');
      writeFileSync(pem, secrets.publicKey.export({ type: 'spki', format: 'pem' }));
      writeFileSync(join(dir, 'genuine.zip'), zip);
      writeFileSync(join(dir, 'forged.zip'), forged);
      const ok = await runCli('scripts/verify-bundle.ts', ['--public-key', pem, '--db', join(dir, 'genuine.zip')]);
      expect(ok.code, ok.stderr).toBe(0);
      expect(ok.stdout).toMatch(/intact — signed by key [0-9a-f]{16}/);
      expect(ok.stdout).toContain(`recorded in the audit trail: exported by ${investigator.username}`);
      const bad = await runCli('scripts/verify-bundle.ts', ['--public-key', pem, join(dir, 'forged.zip')]);
      expect(bad.code).toBe(1);
      expect(bad.stderr).toMatch(/NOT intact/);
      // A genuine signature with no export on record (signed, but never exported through the API) is not enough.
      const ctx = { exportedBy: 'nobody', exportedAt: new Date().toISOString(), ringlensVersion: 'test' };
      const offRecord = buildBundle(await loadRingEvidence(db, ring.id), ctx, {}, secrets.signingKey);
      writeFileSync(join(dir, 'off-record.zip'), offRecord.zip);
      expect(verifyBundle(offRecord.zip, secrets.publicKey).ok).toBe(true);
      const unrecorded = await runCli('scripts/verify-bundle.ts', [
        '--public-key',
        pem,
        '--db',
        join(dir, 'off-record.zip'),
      ]);
      expect(unrecorded.code).toBe(1);
      expect(unrecorded.stderr).toMatch(/no export of this bundle is recorded in the audit trail/);
    });
  });

  describe('5. token powers', () => {
    it('an admin token cannot create users or reset passwords; a fresh session can; reset revokes tokens', async () => {
      const base = await start();
      const target = await createTestUser(db, 'analyst', 'reset');
      const byToken = await fetch(`${base}/api/users`, {
        method: 'POST',
        headers: admin.json,
        body: JSON.stringify({ username: `${target.username}x`, role: 'admin' }),
      });
      expect(byToken.status).toBe(403);
      const resetByToken = await fetch(`${base}/api/users/${target.username}`, {
        method: 'PATCH',
        headers: admin.json,
        body: JSON.stringify({ resetPassword: true }),
      });
      expect(resetByToken.status).toBe(403);
      expect((await resetByToken.json()).error.message).toMatch(/only for a signed-in browser session/);
      // Reading the user list stays open to an admin token.
      expect((await fetch(`${base}/api/users`, { headers: admin.headers })).status).toBe(200);

      const session = await sessionHeaders(base, admin);
      // Eleven minutes later the same session is no longer fresh enough to manage users.
      clock += 11 * 60_000;
      const stale = await fetch(`${base}/api/users/${target.username}`, {
        method: 'PATCH',
        headers: session,
        body: JSON.stringify({ resetPassword: true }),
      });
      expect(stale.status).toBe(403);
      expect((await stale.json()).error.code).toBe('reauthentication_required');
      expect((await fetch(`${base}/api/auth/me`, { headers: target.headers })).status).toBe(200);
      // Signing in again makes it fresh.
      const reset = await fetch(`${base}/api/users/${target.username}`, {
        method: 'PATCH',
        headers: await sessionHeaders(base, admin),
        body: JSON.stringify({ resetPassword: true }),
      });
      expect(reset.status).toBe(200);
      expect((await fetch(`${base}/api/auth/me`, { headers: target.headers })).status).toBe(401);
      const [event] = await auditOf(admin.username, 'user.password.reset');
      expect(event).toMatchObject({ objectId: target.username, details: { revokedTokens: 1 } });
    });
  });

  describe('6. bad tokens and good ones from one address', () => {
    it('serves valid tokens after 20+ invalid Authorization headers from the same address', async () => {
      const base = await start({ auth: { tokenFailuresPerIp: { limit: 20, windowMs: 15 * 60_000 } } });
      const me = (authorization: string) => fetch(`${base}/api/auth/me`, { headers: { authorization } });
      const forged = `rlt_${viewer.token.slice(4, 16)}_${'A'.repeat(43)}`;
      const bad = [`Basic ${Buffer.from('a:b').toString('base64')}`, 'Bearer nonsense', `Bearer ${forged}`];
      for (let i = 0; i < 30; i++) await me(bad[i % bad.length]!);
      expect((await me(bad[0]!)).status).toBe(429);
      expect((await me(`Bearer ${viewer.token}`)).status).toBe(200);
      expect((await me(`Bearer ${admin.token}`)).status).toBe(200);
    });

    it('loopback flood: bad tokens and wrong sign-ins from one address, valid tokens still served', async () => {
      // Bounded by count (and a deadline that only stops sending); 127.0.0.1 only.
      const base = await start();
      const deadline = Date.now() + 60_000;
      const flood = [`Basic ${'x'.repeat(40)}`, 'Bearer rlt_000000000000_' + 'B'.repeat(43), 'Bearer garbage'];
      const outcomes = { badToken: new Map<number, number>(), login: new Map<number, number>(), valid: [] as number[] };
      const count = (m: Map<number, number>, s: number) => m.set(s, (m.get(s) ?? 0) + 1);
      let sent = 0;
      const worker = async (w: number) => {
        for (let i = 0; i < 60 && Date.now() < deadline; i++) {
          sent++;
          if (i % 4 === 3) {
            const r = await fetch(`${base}/api/rings?pageSize=1`, { headers: viewer.headers });
            outcomes.valid.push(r.status);
            await r.arrayBuffer();
          } else if (i % 4 === 2) {
            const r = await login(base, viewer.username, `flood-${w}-${i}`);
            count(outcomes.login, r.status);
            await r.arrayBuffer();
          } else {
            const r = await fetch(`${base}/api/auth/me`, { headers: { authorization: flood[(w + i) % 3]! } });
            count(outcomes.badToken, r.status);
            await r.arrayBuffer();
          }
        }
      };
      await Promise.all(Array.from({ length: 12 }, (_, w) => worker(w)));
      expect(sent).toBeGreaterThan(100);
      expect(outcomes.badToken.get(429)).toBeGreaterThan(0); // the flood was limited …
      expect([...outcomes.login.keys()].every((s) => s === 401 || s === 429)).toBe(true);
      expect(outcomes.valid.length).toBeGreaterThan(20);
      expect(outcomes.valid.every((s) => s === 200)).toBe(true); // … and every valid token was served
      // The viewer's own browser still signs in (it has no device cookie here, so only its address back-off and
      // the username ceiling apply: the flood used up the latter, which is what device cookies are for).
    });
  });

  describe('7. killed detection runs', () => {
    const runId = `run-20260101T000000Z-${p.slice(-7, -1)}`;
    const holder = `${runId}@deadhost:1:abcdef`;
    afterAll(async () => {
      await db.write('test-detection-cleanup.write', { runIds: [runId] });
    });

    it('shows a run whose lock expired as abandoned, not running forever', async () => {
      const base = await start();
      const ttl = 600;
      // The run's process holds the detection lock (integration files run one at a time: nobody else does).
      const got = await db.write('lock-acquire.write', { name: 'detection', holder, ttlSeconds: ttl });
      expect(got).toHaveLength(1);
      await db.write('detection-run-start.write', { id: runId, params: '{}', lockHolder: holder });
      const get = async () =>
        (await (await fetch(`${base}/api/runs/${runId}`, { headers: viewer.headers })).json()) as {
          status: string;
          finishedAt: string | null;
        };
      expect((await get()).status).toBe('running');
      // The process died: its heartbeat stops and the lock expires (expired here at once).
      await db.write('nightly-lock-expire.write', { name: 'detection', holder });
      expect((await get()).status).toBe('abandoned');
      const list = (await (await fetch(`${base}/api/runs`, { headers: viewer.headers })).json()) as {
        items?: Array<{ id: string; status: string }>;
      };
      const listed = (Array.isArray(list) ? list : (list.items ?? [])) as Array<{ id: string; status: string }>;
      expect(listed.find((r) => r.id === runId)?.status).toBe('abandoned');
      // The next run that takes the lock records it.
      await db.write('detection-runs-abandon.write', { id: 'run-next' });
      const [stored] = await db.read<{ run: { status: string; finishedAt: unknown; error: string } }>(
        'detection-run-get.read',
        { id: runId },
      );
      expect(stored!.run.status).toBe('abandoned');
      expect(stored!.run.finishedAt).not.toBeNull();
      expect(stored!.run.error).toMatch(/stopped part-way/);
    });
  });

  describe('9. refusals in the audit trail', () => {
    it('records CSRF refusals, 403s and 429s, aggregated per actor, address and window', async () => {
      const base = await start({ auth: { loginPerIp: { limit: 2, windowMs: 60_000 } } });
      const s = await signIn(base, viewer.username, viewer.password);
      for (let i = 0; i < 14; i++) {
        const r = await fetch(`${base}/api/auth/tokens`, {
          method: 'POST',
          headers: { cookie: s.cookie, 'content-type': 'application/json', origin: 'http://evil.example' },
          body: '{"name":"x"}',
        });
        expect(r.status).toBe(403);
      }
      for (let i = 0; i < 40; i++)
        expect((await fetch(`${base}/api/ingest`, { method: 'POST', headers: viewer.json, body: '{}' })).status).toBe(
          403,
        );
      const guessed = await createTestUser(db, 'viewer', 'refused');
      const tries = [];
      for (let i = 0; i < 5; i++) tries.push((await login(base, guessed.username, `wrong-${i}`)).status);
      expect(tries).toEqual([401, 429, 429, 429, 429]); // the viewer's sign-in above was the address's first attempt
      await refusals!.flush();
      const signIns = await auditOf(guessed.username, 'access.refused');
      expect(
        signIns.map((e) => [(e.details as { code: string }).code, (e.details as { count: number }).count]).sort(),
      ).toEqual([
        ['rate_limited', 4],
        ['unauthenticated', 1],
      ]);
      const events = await auditOf(viewer.username, 'access.refused');
      const byCode = Object.fromEntries(
        events.map((e) => [(e.details as { code: string }).code, e.details as { count: number; routes: string[] }]),
      );
      expect(byCode.csrf_failed).toMatchObject({ count: 14, routes: ['POST /api/auth/tokens'] });
      expect(byCode.forbidden).toMatchObject({ count: 40, routes: ['POST /api/ingest'] });
      // 54 refusals, 2 events.
      expect(events).toHaveLength(2);
    });
  });

  it('keeps the bundle signing key like the other secrets (0600, git-ignored folder)', async () => {
    const { loadOrCreateSecrets } = await import('../../server/secrets.ts');
    const home = join(tempDir(), '.ringlens');
    const first = loadOrCreateSecrets(home);
    const again = loadOrCreateSecrets(home);
    expect(again.publicKey.export({ type: 'spki', format: 'pem' })).toEqual(
      first.publicKey.export({ type: 'spki', format: 'pem' }),
    );
    const { statSync } = await import('node:fs');
    expect(statSync(join(home, 'credentials', 'bundle-signing.key')).mode & 0o777).toBe(0o600);
    expect(statSync(join(home, 'credentials', 'device-cookie.key')).mode & 0o777).toBe(0o600);
    expect(existsSync(join(home, 'credentials', 'bundle-signing.pub.pem'))).toBe(true);
  });
});
