/**
 * `npm run detect` options of the engines and workers (issue 16), as a user runs them against the test Neo4j: bad
 * usage exits 2 before touching anything; `--workers 2 --max-part-accounts 4 --json` reports the workers and the
 * parts it cut, and finds what one worker finds; `--incremental` reads its cache on the second run.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../server/db/database.ts';
import { generateDataset } from '../../server/generate/dataset.ts';
import { runCli } from '../support/cli.ts';
import { loadGeneratedDataset } from '../support/generated-files.ts';
import { tempDir } from '../support/ingest-data.ts';
import { connectTestDb } from '../support/neo4j.ts';

interface Summary {
  id: string;
  rings: number;
  parts: { engine: string; workers: number; splitParts: number; pieces: number; largestSplit: number };
  changes: Record<string, number>;
  leftOut: Record<string, number>;
}

describe('npm run detect: --engine, --workers, --max-part-accounts (CLI, real Neo4j)', () => {
  let db: Db;
  let ids: string[] = [];
  const runIds: string[] = [];

  beforeAll(async () => {
    db = await connectTestDb();
    const gen = await generateDataset({ seed: 4, accounts: 2000, outDir: tempDir() });
    ids = await loadGeneratedDataset(db, gen.files);
  });

  afterAll(async () => {
    await db.write('test-delete-accounts.write', { ids });
    await db.write('test-detection-cleanup.write', { runIds });
    await db.close();
  });

  it('--help names the options; bad usage exits 2', async () => {
    const help = await runCli('scripts/detect.ts', ['--help']);
    expect(help.code).toBe(0);
    for (const option of ['--engine', '--master', '--workers', '--max-part-accounts']) {
      expect(help.stdout).toContain(option);
    }
    const master = await runCli('scripts/detect.ts', ['--master', 'local[2]']);
    expect(master.code).toBe(2);
    expect(master.stderr).toContain('--master and --driver-memory go with --engine spark');
    const engine = await runCli('scripts/detect.ts', ['--engine', 'flink']);
    expect(engine.code).toBe(2);
    expect(engine.stderr).toContain('--engine');
    const workers = await runCli('scripts/detect.ts', ['--workers', '0']);
    expect(workers.code).toBe(2);
    expect(workers.stderr).toContain('--workers');
    const fullRead = await runCli('scripts/detect.ts', ['--full-read']);
    expect(fullRead.code).toBe(2);
    expect(fullRead.stderr).toContain('--full-read goes with --incremental');
  });

  it('--incremental: the first run reads the whole graph, the next its cache and what changed; the same rings', async () => {
    const home = tempDir();
    const run = async (...extra: string[]) => {
      const r = await runCli('scripts/detect.ts', ['--incremental', ...extra], { RINGLENS_HOME: home });
      expect(r.code, r.stderr).toBe(0);
      runIds.push(/Detection run (\S+) finished/.exec(r.stdout)![1]!);
      return r.stdout;
    };
    expect(await run()).toContain('input: the whole graph (no cached input yet)');
    const second = await run();
    expect(second).toMatch(
      /input: the cached input and what loads changed since \(0 identifier\(s\), 0 payer\(s\), 0 account\(s\)\)/,
    );
    expect(second).toMatch(/changes since the last run: \d+ unchanged\n/);
    expect(await run('--full-read')).toContain('input: the whole graph (a full read was asked for)');
  });

  it('--workers 2 finds what one worker finds; --max-part-accounts cuts and says so', async () => {
    const one = await runCli('scripts/detect.ts', ['--json']);
    expect(one.code).toBe(0);
    const first = JSON.parse(one.stdout.trim().split('\n').pop()!) as Summary;
    runIds.push(first.id);
    expect(first.parts).toMatchObject({ engine: 'local', workers: 1, splitParts: 0 });
    // Besides crowds, the run says how many placeholders, generic, organisation and handed-on identifiers it left out.
    expect(first.leftOut).toEqual({
      placeholder: expect.any(Number),
      generic: expect.any(Number),
      organisation: expect.any(Number),
      'handed-on': expect.any(Number),
    });

    const two = await runCli('scripts/detect.ts', ['--json', '--workers', '2']);
    expect(two.code).toBe(0);
    const second = JSON.parse(two.stdout.trim().split('\n').pop()!) as Summary;
    runIds.push(second.id);
    expect(second.parts.workers).toBe(2);
    expect(second.rings).toBe(first.rings);
    // The same findings as the run before: every one matched unchanged, none new or gone.
    expect(second.changes).toMatchObject({ new: 0, dissolved: 0, grown: 0, shrunk: 0 });
    expect(second.changes.unchanged).toBe(second.rings);

    const cut = await runCli('scripts/detect.ts', ['--workers', '2', '--max-part-accounts', '4']);
    expect(cut.code).toBe(0);
    expect(cut.stdout).toMatch(/part\(s\) over --max-part-accounts \(largest \d+\) cut into \d+ pieces/);
    expect(cut.stdout).toMatch(
      /also left out: \d+ placeholder\(s\), \d+ generic identifier\(s\), \d+ organisation identifier\(s\)/,
    );
    runIds.push(/Detection run (\S+) finished/.exec(cut.stdout)![1]!);
  });
});
