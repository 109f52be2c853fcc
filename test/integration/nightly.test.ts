/**
 * The nightly job end to end (real Neo4j, the CLI as cron would run it) over the three simulated days of
 * nightly-scenario.ts: exact changes and alerts per day, exit codes, kill-and-rerun, concurrent runs, the webhook.
 * Detection is global over the database and its scoring is tuned in parallel, so assertions look only at rings
 * holding this test's accounts.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../server/db/database.ts';
import type { NightlyReport } from '../../server/nightly/report.ts';
import { runCli, spawnCli, type CliResult } from '../support/cli.ts';
import { tempDir } from '../support/ingest-data.ts';
import { connectTestDb, uniquePrefix } from '../support/neo4j.ts';
import { waitFor } from '../support/wait.ts';
import { DAYS, FILLERS, events, nightlyScenario, webhookServer } from './nightly-scenario.ts';

const p = uniquePrefix('nightly');
const JOB = `t${p.slice(2, -1)}`; // t-nightly-xxxxxxxx- → tnightly-xxxxxxxx
const { id, range, RINGS, day1, day2, day3, allAccounts } = nightlyScenario(p);

describe('npm run nightly (CLI, real Neo4j)', () => {
  let db: Db;
  let inputDir: string;
  let reportDir: string;
  const hashes: string[] = [];
  const ringIds: Record<string, string> = {};

  const args = (date: string, extra: string[] = []) => [
    '--json',
    '--job',
    JOB,
    '--date',
    date,
    '--input',
    inputDir,
    '--report-dir',
    reportDir,
    ...extra,
  ];
  const nightly = (date: string, extra: string[] = [], env: Record<string, string> = {}) =>
    runCli('scripts/nightly.ts', args(date, extra), env);
  /** A run started in the background that pauses (holding the nightly lock) when it reaches detection. */
  async function pausedRun(date: string) {
    const run = spawnCli('scripts/nightly.ts', args(date), { RINGLENS_TEST_PAUSE_AT: 'detect' });
    await run.printed('"event":"paused"');
    return run;
  }
  const readReport = (date: string): NightlyReport =>
    JSON.parse(readFileSync(join(reportDir, JOB, date, 'report.json'), 'utf8')) as NightlyReport;

  /** Rings of the run's detection that hold this test's accounts, by sorted member list. */
  async function myRings(report: NightlyReport): Promise<Map<string, string>> {
    const rows = await db.read<{ id: string; members: string[] }>('nightly-run-rings.read', {
      runId: report.meta.detectionRunId,
    });
    const out = new Map<string, string>();
    for (const r of rows) if (r.members.some((m) => m.startsWith(p))) out.set([...r.members].sort().join(','), r.id);
    return out;
  }
  const key = (members: string[]) => [...members].sort().join(',');
  const mineOnly = (report: NightlyReport, ids: Set<string>) => ({
    alerts: report.alerts.filter((a) => ids.has(a.ringId)),
    suppressed: report.suppressed.filter((s) => ids.has(s.ringId)),
    new: report.changes.new.filter((x) => ids.has(x.ringId)),
    grown: report.changes.grown.filter((x) => ids.has(x.ringId)),
    shrunk: report.changes.shrunk.filter((x) => ids.has(x.ringId)),
    changed: report.changes.changed.filter((x) => ids.has(x.ringId)),
    merged: report.changes.merged.filter((x) => ids.has(x.ringId)),
    split: report.changes.split.filter((x) => ids.has(x.previousId)),
    dissolved: report.changes.dissolved.filter((x) => x.members.some((m) => m.startsWith(p))),
  });
  /** The report without what legitimately differs between attempts (meta) and without other tests' rings. */
  const comparable = (report: NightlyReport, ids: Set<string>) => {
    const { meta: _meta, counts: _counts, history: _history, topRings: _top, changes: _changes, ...rest } = report;
    return { ...rest, baseline: { ...rest.baseline, rings: undefined }, ...mineOnly(report, ids) };
  };

  beforeAll(async () => {
    db = await connectTestDb();
    inputDir = tempDir();
    reportDir = join(tempDir(), 'reports');
    mkdirSync(reportDir, { recursive: true });
  });

  afterAll(async () => {
    const [row] = await db.write<{ detectionRunIds: string[] }>('test-nightly-cleanup.write', { job: JOB });
    await db.write('test-delete-accounts.write', { ids: allAccounts() });
    await db.write('test-detection-cleanup.write', { runIds: row?.detectionRunIds ?? [] });
    await db.write('test-ingest-files-delete.write', { hashes });
    await db.close();
  });

  it('--help documents usage and exit codes; bad usage exits 2', async () => {
    const help = await runCli('scripts/nightly.ts', ['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: npm run nightly');
    expect(help.stdout).toMatch(/Exit codes: 0 .* 3 .* 1 failed/s);
    const bad = await runCli('scripts/nightly.ts', ['--fp-growth-accounts', 'many']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--fp-growth-accounts/);
    const hook = await runCli('scripts/nightly.ts', ['--date', '2026-07-01'], { ALERT_WEBHOOK_URL: 'ftp://x' });
    expect(hook.code).toBe(2);
    expect(hook.stderr).toMatch(/ALERT_WEBHOOK_URL/);
  });

  it('day 1: three new rings alert (exit 3); the webhook that always fails is retried, reported and logged', async () => {
    day1(inputDir);
    const hook = await webhookServer([503]);
    let r: CliResult;
    try {
      r = await nightly(DAYS[0], [], { ALERT_WEBHOOK_URL: hook.url });
    } finally {
      await hook.close();
    }
    expect(r.code, r.stderr).toBe(3);
    const report = readReport(DAYS[0]);
    const rings = await myRings(report);
    expect([...rings.keys()].sort()).toEqual([key(RINGS.F1), key(RINGS.P1), key(RINGS.S)].sort());
    ringIds.F = rings.get(key(RINGS.F1))!;
    ringIds.P = rings.get(key(RINGS.P1))!;
    ringIds.S = rings.get(key(RINGS.S))!;
    const mine = mineOnly(report, new Set(rings.values()));
    expect(mine.alerts.map((a) => [a.ringId, a.kind]).sort()).toEqual(
      [ringIds.F, ringIds.P, ringIds.S].map((x) => [x, 'new']).sort(),
    );
    for (const a of mine.alerts) {
      expect(a.score).toBeGreaterThanOrEqual(50);
      expect(a.reasons.length).toBeGreaterThan(0);
      expect(a.url).toBe(`http://127.0.0.1:8080/#/rings/${a.ringId}`);
    }
    expect(mine.new.map((x) => x.ringId).sort()).toEqual([ringIds.F, ringIds.P, ringIds.S].sort());
    expect([mine.grown, mine.shrunk, mine.changed, mine.merged, mine.split, mine.dissolved].flat()).toEqual([]);
    // The job's first night compares with the last detection run before it (someone else's here), if any.
    expect(['detection', 'none']).toContain(report.baseline.source);
    expect(report.input.files.map((f) => [f.name, f.loaded])).toEqual([
      ['accounts-day1.csv', 'this-run'],
      ['links-day1.csv', 'this-run'],
    ]);
    hashes.push(...report.input.files.map((f) => f.sha256));

    // Webhook: 3 tries, then reported (report, logs) and kept pending — never dropped silently.
    expect(hook.bodies).toHaveLength(3);
    expect(report.webhook).toMatchObject({ status: 'failed', attempts: 3, target: new URL(hook.url).origin });
    expect(report.webhook.error).toMatch(/503/);
    const log = events(r.stdout);
    expect(log.filter((e) => e.event === 'webhook.attempt')).toHaveLength(3);
    expect(log.find((e) => e.event === 'webhook.failed')).toMatchObject({ level: 'error' });
    expect(JSON.stringify(log)).not.toContain('token=secret');

    const md = readFileSync(join(reportDir, JOB, DAYS[0], 'report.md'), 'utf8');
    for (const x of [ringIds.F, ringIds.P, ringIds.S]) expect(md).toContain(`](http://127.0.0.1:8080/#/rings/${x})`);
    expect(md).toContain('FAILED');
    const html = readFileSync(join(reportDir, JOB, DAYS[0], 'report.html'), 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).not.toMatch(/<script|src=|<link/);
    expect(html.match(/<rect class="bar"/g)).toHaveLength(1);
    expect(html).toContain(`data-date="${DAYS[0]}"`);
  });

  it('day 2, killed half-way through loading and run again: N new, F grown alert (exit 3)', async () => {
    day2(inputDir);
    const killed = spawnCli('scripts/nightly.ts', args(DAYS[1]));
    await waitFor(
      async () =>
        (await db.read<{ uses: number }>('test-count-accounts-by-prefix.read', { prefix: id('fill-') }))[0]!.uses,
      (uses) => uses > 0,
      { what: 'the nightly load to commit its first batch', everyMs: 50, giveUpWhen: killed.exited },
    );
    killed.child.kill('SIGKILL');
    expect((await killed.done).signal).toBe('SIGKILL');
    const [mid] = await db.read<{ uses: number }>('test-count-accounts-by-prefix.read', { prefix: id('fill-') });
    expect(mid!.uses).toBeGreaterThan(0);
    expect(mid!.uses).toBeLessThan(FILLERS * 2); // really interrupted part-way (each filler has 2 identifiers)
    const [run] = await db.read<{ status: string }>('test-nightly-run.read', { id: `${JOB}-${DAYS[1]}` });
    expect(run!.status).toBe('running');

    const r = await nightly(DAYS[1]);
    expect(r.code, r.stderr).toBe(3);
    expect(events(r.stdout).some((e) => e.event === 'lock.takeover')).toBe(true);
    // Detection read day 1's cached input and what the loads stamped since (runs/input-cache.ts), not the whole graph;
    // the exact rings, changes and alerts below are what a full read gives (test/integration/incremental.test.ts).
    expect(events(r.stdout).find((e) => e.event === 'detect.done')?.input).toMatchObject({ mode: 'incremental' });
    // No input file was read only to be recognised: the killed attempt hashed all four before loading
    // (ingest/hash-memo.ts); their content hashes are checked against the records below.
    expect(events(r.stdout).find((e) => e.event === 'load.hashes')).toMatchObject({ remembered: 4, read: 0 });
    const report = readReport(DAYS[1]);
    const rings = await myRings(report);
    expect([...rings.keys()].sort()).toEqual([key(RINGS.F2), key(RINGS.N), key(RINGS.P1), key(RINGS.S)].sort());
    expect(rings.get(key(RINGS.F2))).toBe(ringIds.F);
    expect(rings.get(key(RINGS.P1))).toBe(ringIds.P);
    expect(rings.get(key(RINGS.S))).toBe(ringIds.S);
    ringIds.N = rings.get(key(RINGS.N))!;
    const mine = mineOnly(report, new Set(rings.values()));
    expect(mine.new.map((x) => x.ringId)).toEqual([ringIds.N]);
    expect(mine.grown.map((x) => [x.ringId, x.joined])).toEqual([[ringIds.F, range('f', 7, 8)]]);
    expect([mine.shrunk, mine.changed, mine.merged, mine.split, mine.dissolved].flat()).toEqual([]);
    expect(mine.alerts.map((a) => [a.ringId, a.kind]).sort()).toEqual(
      [
        [ringIds.F, 'grown'],
        [ringIds.N, 'new'],
      ].sort(),
    );
    expect(mine.alerts.find((a) => a.ringId === ringIds.F)!.joined).toEqual(range('f', 7, 8));
    expect(mine.suppressed).toEqual([]);
    expect(report.baseline).toMatchObject({ source: 'nightly', date: DAYS[0], runId: `${JOB}-${DAYS[0]}` });
    expect(report.input.files.map((f) => [f.name, f.loaded])).toEqual([
      ['accounts-day1.csv', 'earlier'],
      ['accounts-day2.csv', 'this-run'],
      ['links-day1.csv', 'earlier'],
      ['links-day2.csv', 'this-run'],
    ]);
    hashes.push(...report.input.files.map((f) => f.sha256));
    // Loading was not double-counted: every filler device has its 4 distinct sightings, once.
    const [count] = await db.read<{ accounts: number; uses: number }>('test-count-accounts-by-prefix.read', {
      prefix: id('fill-'),
    });
    expect(count).toEqual({ accounts: FILLERS, uses: FILLERS * 2 });
  });

  it('a run killed after detection, after the alerts or after the report, then re-run, writes the same report', async () => {
    const ids = new Set(Object.values(ringIds));
    const clean = comparable(readReport(DAYS[1]), ids);
    for (const at of ['compare', 'webhook', 'finish']) {
      const run = spawnCli('scripts/nightly.ts', args(DAYS[1]), { RINGLENS_TEST_PAUSE_AT: at });
      await run.printed('"event":"paused"');
      run.child.kill('SIGKILL');
      await run.done;
      const [state] = await db.read<{ status: string }>('test-nightly-run.read', { id: `${JOB}-${DAYS[1]}` });
      expect(state!.status, `killed at ${at}`).toBe('running');

      const again = await nightly(DAYS[1]);
      expect(again.code, again.stderr).toBe(3);
      expect(comparable(readReport(DAYS[1]), ids), `killed at ${at}`).toEqual(clean);
    }
    // And one more uninterrupted run, with alerts treated as success.
    const ok = await nightly(DAYS[1], ['--alert-exit-code', '0']);
    expect(ok.code, ok.stderr).toBe(0);
    const last = readReport(DAYS[1]);
    expect(last.params.alertExitCode).toBe(0);
    expect(comparable(last, ids)).toEqual({ ...clean, params: { ...clean.params, alertExitCode: 0 } });
    // One alert per (date, ring), however many attempts: nothing duplicated, nothing lost.
    const alerts = await db.read<{ key: string; date: string; ringId: string }>('test-nightly-alerts.read', {
      job: JOB,
    });
    const day2 = alerts.filter((a) => a.date === DAYS[1]).map((a) => a.ringId);
    expect(day2.length).toBe(new Set(day2).size);
    expect(day2).toEqual(expect.arrayContaining([ringIds.F, ringIds.N]));
    expect(day2).not.toContain(ringIds.P);
  });

  it('day 3: S splits when its bridging devices become crowds; false-positive P grew too little; exit 0', async () => {
    // An investigator decides P is a false positive (the UI for this comes in a later issue).
    await db.write('test-ring-disposition.write', { id: ringIds.P, status: 'false_positive' });
    day3(inputDir);
    const r = await nightly(DAYS[2]);
    expect(r.code, r.stderr).toBe(0);
    const report = readReport(DAYS[2]);
    const rings = await myRings(report);
    expect([...rings.keys()].sort()).toEqual(
      [key(RINGS.A), key(RINGS.B), key(RINGS.F2), key(RINGS.N), key(RINGS.P2)].sort(),
    );
    const a = rings.get(key(RINGS.A))!;
    const b = rings.get(key(RINGS.B))!;
    const mine = mineOnly(report, new Set([...rings.values(), ringIds.S!]));
    expect(mine.split).toEqual([{ previousId: ringIds.S, splitInto: [a, b].sort() }]);
    // The half that kept S's id shrank; the other is new, split from S, with no account from outside it.
    const kept = [a, b].filter((x) => x === ringIds.S);
    expect(mine.shrunk.map((x) => x.ringId)).toEqual(kept);
    expect(mine.new.map((x) => [x.ringId, x.splitFrom])).toEqual(
      [a, b].filter((x) => x !== ringIds.S).map((x) => [x, ringIds.S]),
    );
    expect(mine.alerts).toEqual([]);
    expect(rings.get(key(RINGS.P2))).toBe(ringIds.P);
    expect(mine.grown.map((x) => [x.ringId, x.joined])).toEqual([[ringIds.P, [id('p6')]]]);
    expect(mine.suppressed).toEqual([
      expect.objectContaining({
        ringId: ringIds.P,
        kind: 'grown',
        disposition: 'false_positive',
        growth: 1,
        referenceSize: 5,
        since: 'last-alert',
      }),
    ]);
    expect([mine.changed, mine.merged, mine.dissolved].flat()).toEqual([]);
    expect(report.history.map((h) => h.date)).toEqual([...DAYS]);
    const html = readFileSync(join(reportDir, JOB, DAYS[2], 'report.html'), 'utf8');
    expect(html.match(/<rect class="bar"/g)).toHaveLength(3);
    hashes.push(...report.input.files.map((f) => f.sha256));
  });

  it('a second run while one is running exits 1 with "already running" and changes nothing', async () => {
    const first = await pausedRun(DAYS[2]);
    const [before] = await db.read<{ attempts: number }>('test-nightly-run.read', { id: `${JOB}-${DAYS[2]}` });

    const second = await runCli(
      'scripts/nightly.ts',
      args(DAYS[2]).filter((x) => x !== '--json'),
    );
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(/already running/);
    const [after] = await db.read<{ attempts: number }>('test-nightly-run.read', { id: `${JOB}-${DAYS[2]}` });
    expect(after!.attempts).toBe(before!.attempts);

    first.child.kill('SIGKILL');
    await first.done;
    const third = await nightly(DAYS[2]);
    expect(third.code, third.stderr).toBe(0);
  });

  it('SIGTERM stops a run with exit 143 and frees its lock at once; the next run finishes the night', async () => {
    const first = await pausedRun(DAYS[2]);
    const [held] = await db.read<{ holder: string }>('lock-holder.read', { name: 'nightly' });
    expect(held!.holder).toContain(`:${first.child.pid}:`);

    first.child.kill('SIGTERM');
    const stopped = await first.done;
    expect(stopped.code).toBe(143);
    expect(stopped.stderr).toMatch(/stopped by SIGTERM; freed the nightly lock/);
    expect(await db.read('lock-holder.read', { name: 'nightly' })).toEqual([]);

    const again = await nightly(DAYS[2]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).not.toMatch(/lock\.takeover/);
  });

  it('a webhook that fails once is retried and delivers the pending alerts of days 1 and 2 (at least once)', async () => {
    const hook = await webhookServer([500, 204]);
    try {
      const r = await nightly(DAYS[2], [], { ALERT_WEBHOOK_URL: hook.url });
      expect(r.code, r.stderr).toBe(0);
      expect(hook.bodies).toHaveLength(2);
      const body = hook.bodies[1] as { deliveryId: string; alerts: Array<{ ringId: string; date: string }> };
      expect(body.deliveryId).toBe(`${JOB}-${DAYS[2]}`);
      const sent = body.alerts.map((a) => `${a.date} ${a.ringId}`);
      expect(sent).toEqual(
        expect.arrayContaining([
          `${DAYS[0]} ${ringIds.F}`,
          `${DAYS[0]} ${ringIds.P}`,
          `${DAYS[0]} ${ringIds.S}`,
          `${DAYS[1]} ${ringIds.F}`,
          `${DAYS[1]} ${ringIds.N}`,
        ]),
      );
      const report = readReport(DAYS[2]);
      expect(report.webhook).toMatchObject({ status: 'delivered', attempts: 2, alerts: body.alerts.length });
      const alerts = await db.read<{ notified: boolean }>('test-nightly-alerts.read', { job: JOB });
      expect(alerts.every((a) => a.notified)).toBe(true);

      // Nothing left to send: no request, and the report still says what the delivery did.
      const again = await nightly(DAYS[2], [], { ALERT_WEBHOOK_URL: hook.url });
      expect(again.code, again.stderr).toBe(0);
      expect(hook.bodies).toHaveLength(2);
      expect(readReport(DAYS[2]).webhook).toMatchObject({ status: 'delivered', attempts: 2 });
    } finally {
      await hook.close();
    }
  });
});
