import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, spawnCli } from '../support/cli.ts';
import { bulkDataset, tempDir, writeLines } from '../support/ingest-data.ts';
import { usePrefixedTestDb } from '../support/neo4j.ts';
import { waitFor } from '../support/wait.ts';

describe('npm run load (CLI, real Neo4j)', () => {
  const t = usePrefixedTestDb();
  const prefix = t.prefix;

  it('--help explains usage and exit codes', async () => {
    const r = await runCli('scripts/load.ts', ['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: npm run load');
    expect(r.stdout).toContain('--skip-invalid');
  });

  it('an invalid row stops the load (exit 3) naming file, line and field; nothing is written', async () => {
    const p = prefix('cli-bad');
    const dir = tempDir();
    const links = writeLines(dir, 'links.csv', [
      'account_id,kind,value,seen_at',
      `${p}a,device,${p}d1,2026-03-01T00:00:00Z`,
      `${p}b,ip,999.1.1.1,2026-03-01T00:00:00Z`,
      `${p}c,device,${p}d1,2026-03-01T00:00:00Z`,
    ]);
    const r = await runCli('scripts/load.ts', [links]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/1 invalid row\(s\); nothing was written/);
    expect(r.stderr).toMatch(/links\.csv:3: field 'value'/);
    const [count] = await t.db.read<{ accounts: number }>('test-count-accounts-by-prefix.read', { prefix: p });
    expect(count!.accounts).toBe(0);
  });

  it('--skip-invalid writes the valid rows and puts the rejected ones, with reasons, into a rejects file', async () => {
    const p = prefix('cli-skip');
    const dir = tempDir();
    const links = writeLines(dir, 'links.csv', [
      'account_id,kind,value,seen_at',
      `${p}a,device,${p}d1,2026-03-01T00:00:00Z`,
      `${p}b,payment,4111111111111111,2026-03-01T00:00:00Z`,
      `${p}c,device,${p}d1,yesterday`,
      `${p}d,device,${p}d1,2026-03-02T00:00:00Z`,
    ]);
    const rejects = join(dir, 'out.rejects.ndjson');
    const r = await runCli('scripts/load.ts', ['--skip-invalid', '--rejects', rejects, links]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/rows read 4, written 2 .*rejected 2/);
    expect(existsSync(rejects)).toBe(true);
    const lines = readFileSync(rejects, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.line, l.field])).toEqual([
      [3, 'value'],
      [4, 'seen_at'],
    ]);
    expect(lines[0].raw.account_id).toBe(`${p}b`);
    expect(lines[0].message).toMatch(/card/i);
    const [count] = await t.db.read<{ accounts: number; uses: number }>('test-count-accounts-by-prefix.read', {
      prefix: p,
    });
    expect(count).toEqual({ accounts: 2, uses: 2 });
  });

  it('a load killed half-way and run again ends in the same graph as one clean load', async () => {
    const clean = prefix('clean');
    const killed = prefix('killed');
    const n = 3000;
    const cleanData = bulkDataset(tempDir(), clean, n);
    const killedData = bulkDataset(tempDir(), killed, n);
    const args = (d: typeof cleanData) => ['--batch-size', '400', d.accounts, d.links, d.payments];

    const c = await runCli('scripts/load.ts', args(cleanData));
    expect(c.code, c.stderr).toBe(0);

    const run = spawnCli('scripts/load.ts', args(killedData));
    // Wait until some batches have committed, then kill the loader without warning.
    const partial = await waitFor(
      async () =>
        (await t.db.read<{ uses: number }>('test-count-accounts-by-prefix.read', { prefix: killed }))[0]!.uses,
      (uses) => uses > 0,
      { what: 'the load to commit its first batch', giveUpWhen: run.exited },
    );
    run.child.kill('SIGKILL');
    const killedResult = await run.done;
    expect(killedResult.signal).toBe('SIGKILL');
    expect(partial).toBeGreaterThan(0);
    const [mid] = await t.db.read<{ uses: number }>('test-count-accounts-by-prefix.read', { prefix: killed });
    expect(mid!.uses).toBeLessThan(killedData.linkRows / 3 + n); // it really was interrupted part-way

    const again = await runCli('scripts/load.ts', args(killedData));
    expect(again.code, again.stderr).toBe(0);
    const a = await t.db.read('test-graph-fingerprint.read', { prefix: clean });
    const b = await t.db.read('test-graph-fingerprint.read', { prefix: killed });
    expect(b.length).toBe(n);
    expect(b).toEqual(a);
  });
});
