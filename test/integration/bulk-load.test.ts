// `npm run load -- --bulk` against a throw-away local Neo4j of its own (the bulk load replaces a whole database, so
// never the shared test instance): the graph it builds equals the batched loader's on the same files — counts, every
// property and its type, the rejects and the load bookkeeping — and it refuses a non-empty store and a remote URI.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Db } from '../../server/db/database.ts';
import { instancePaths, start, stop } from '../../server/db/local-neo4j.ts';
import { runCli, type CliResult } from '../support/cli.ts';
import { tempDir, writeLines } from '../support/ingest-data.ts';
import { generateMarketplace, shareNeo4jJars, throwawayNeo4j } from '../support/throwaway-neo4j.ts';

// Ports next to the test instance's (each checkout sets those), unless given.
const { home, inst, env } = throwawayNeo4j('NEO4J_BULK_TEST', 7, '768m', '256m');
const load = (args: string[], extra: Record<string, string> = {}): Promise<CliResult> =>
  runCli('scripts/load.ts', args, { ...env, ...extra });

async function wipe(): Promise<void> {
  await stop(inst);
  rmSync(join(instancePaths(inst).home, 'data'), { recursive: true, force: true });
  rmSync(instancePaths(inst).passwordFile, { force: true });
}

interface Snapshot {
  counts: Record<string, unknown>;
  files: unknown[];
  hash: string;
  accounts: number;
  content: Array<{ id: string; props: unknown[]; uses: unknown[][]; paid: unknown[][] }>;
  /** Every constraint and index ("type name"), sorted. */
  schema: string[];
}

async function snapshot(): Promise<Snapshot> {
  const s = await start(inst);
  const db = await Db.connect({ uri: s.uri, user: s.user, password: s.password, database: 'neo4j' });
  try {
    const [counts] = await db.read<Record<string, unknown>>('test-graph-counts.read');
    const files = await db.read('test-ingest-files.read');
    const content = await db.read<Snapshot['content'][number]>('test-graph-content.read');
    const hash = createHash('sha256').update(JSON.stringify(content)).digest('hex');
    const schema = (await db.read<{ name: string; type: string }>('test-schema-names.read'))
      .map((r) => `${r.type} ${r.name}`)
      .sort();
    return { counts: counts!, files, hash, accounts: content.length, content, schema };
  } finally {
    await db.close();
  }
}

const rejectsOf = (path: string) =>
  readFileSync(path, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { file: string; line: number; field?: string });

describe('npm run load -- --bulk (neo4j-admin import into a fresh local Neo4j)', () => {
  const data = tempDir();
  const gen = join(data, 'gen');
  let generated: string[];
  let withEdgeCases: string[];

  beforeAll(async () => {
    await shareNeo4jJars(home);
    await generateMarketplace(gen, 1000, 5);
    generated = ['accounts.csv', 'links.csv', 'payments.csv'].map((f) => join(gen, f));
    const someGenerated = readFileSync(generated[1]!, 'utf8').split('\n')[1]!.split(',')[0]!;
    const extra = join(data, 'extra');
    mkdirSync(extra);
    withEdgeCases = [
      ...generated,
      writeLines(extra, 'accounts-extra.csv', [
        'id,created_at,type,country,status,label',
        'x-a1,2026-01-02,personal,us,active,legit',
        'x-a2,2026-01-03T10:00:00+02:00,business,,,unknown',
        'x-a1,,,,closed,KNOWN_FRAUD',
        'x-bad,not-a-date,,,,legit',
        `${someGenerated},,,,reviewed,known_fraud`,
      ]),
      writeLines(extra, 'links-extra.csv', [
        'account_id,kind,value,seen_at,bin,last4,issuer_country,user_agent',
        'x-a1,email,J.Doe+promo@gmail.com,2026-02-01T00:00:00Z,,,,',
        'x-a2,email,jdoe@gmail.com,2026-02-02T00:00:00Z,,,,',
        'x-a1,device,DEV-1,2026-02-01T00:00:00Z,,,,',
        'x-a2,device,dev-1,2026-02-03T00:00:00Z,,,,',
        // x-a1 again, after x-a2: not consecutive, so the bulk converter groups through spill files.
        'x-a1,device,dev-1,2026-02-05T00:00:00Z,,,,',
        'x-a1,device,dev-1,2026-02-01T00:00:00.000Z,,,,',
        'x-a3,payment,tok_abc,2026-02-01T00:00:00Z,411111,1111,us,',
        'x-a4,payment,tok_abc,2026-02-01T00:00:00Z,,,,',
        'x-a3,phone,(202) 555-0143,2026-02-01T00:00:00Z,,,,',
        'x-a3,ip,::ffff:192.0.2.1,2026-02-01T00:00:00Z,,,,',
        'x-a3,address,"1 Main St ,  Springfield",2026-02-01T00:00:00Z,,,,',
        'x-a4,address,"12 ""Old""   Road",2026-02-01T00:00:00Z,,,,',
        'x-a3,payment,4111 1111 1111 1111,2026-02-01T00:00:00Z,,,,',
        'x-a4,ip,999.1.1.1,2026-02-01T00:00:00Z,,,,',
        `${someGenerated},device,dev-1,2026-02-01T00:00:00Z,,,,`,
      ]),
      writeLines(extra, 'payments-extra.csv', [
        'payer,payee,amount,currency,at,id',
        'x-a1,x-a2,10.10,usd,2026-02-01T00:00:00Z,p1',
        'x-a1,x-a2,20.20,USD,2026-02-01T01:00:00Z,p2',
        'x-a3,x-a1,5,EUR,2026-02-01T00:00:00Z,',
        'x-a1,x-a2,10.10,USD,2026-02-01T00:00:00Z,p1',
        'x-a1,x-a2,0.1,USD,2026-02-03T00:00:00Z,',
        'x-a1,x-a1,3,USD,2026-02-01T00:00:00Z,',
        'x-new,x-a2,7,USD,2026-02-01T00:00:00Z,',
      ]),
    ];
    await wipe();
  });

  afterAll(async () => {
    await stop(inst).catch(() => {});
    rmSync(home, { recursive: true, force: true });
    rmSync(data, { recursive: true, force: true });
  });

  it('refuses a remote NEO4J_URI before reading anything', async () => {
    const r = await load(['--bulk', ...generated], {
      NEO4J_URI: 'bolt://db.example.invalid:7687',
      NEO4J_PASSWORD: 'x',
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--bulk .* NEO4J_URI points at bolt:\/\/db\.example\.invalid:7687/);
  });

  it('edge cases (merged accounts, first display, replays, rejects, unsorted rows): same graph, rejects and records as the loader', async () => {
    // The batched loader first, into the empty store.
    const rejectsLoader = join(data, 'loader.rejects.ndjson');
    const normal = await load(['--skip-invalid', '--rejects', rejectsLoader, ...withEdgeCases]);
    expect(normal.code, normal.stderr).toBe(0);
    const expected = await snapshot();
    expect(expected.accounts).toBeGreaterThan(1000);

    // A store that holds data is refused, and left as it was.
    const refused = await load(['--bulk', '--skip-invalid', ...withEdgeCases]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/--bulk only loads into an empty store, and the local Neo4j .* holds \d+ node\(s\)/);
    expect((await snapshot()).hash).toBe(expected.hash);

    // Into an empty store: without --skip-invalid the invalid rows stop it (exit 3) and nothing is imported.
    await wipe();
    const invalid = await load(['--bulk', ...withEdgeCases]);
    expect(invalid.code).toBe(3);
    expect(invalid.stderr).toMatch(/4 invalid row\(s\); nothing was written/);
    expect(invalid.stderr).toMatch(/accounts-extra\.csv:5: field 'created_at'/);

    const rejectsBulk = join(data, 'bulk.rejects.ndjson');
    const bulk = await load(['--bulk', '--skip-invalid', '--rejects', rejectsBulk, ...withEdgeCases]);
    expect(bulk.code, bulk.stderr).toBe(0);
    expect(bulk.stdout).toMatch(/Bulk-loaded in/);
    expect(bulk.stdout).toMatch(/grouped through spill files/);
    const got = await snapshot();
    expect(got.counts).toEqual(expected.counts);
    expect(got.files).toEqual(expected.files);
    // Account by account, so a difference shows in full rather than as a truncated 1000-element diff.
    expect(got.content.map((a) => a.id)).toEqual(expected.content.map((a) => a.id));
    got.content.forEach((a, i) => expect(a, a.id).toEqual(expected.content[i]));
    expect(got.hash).toBe(expected.hash);
    expect(rejectsOf(rejectsBulk)).toEqual(rejectsOf(rejectsLoader));
    expect(rejectsOf(rejectsBulk).map((r) => [r.file, r.line])).toEqual([
      ['accounts-extra.csv', 5],
      ['links-extra.csv', 14],
      ['links-extra.csv', 15],
      ['payments-extra.csv', 7],
    ]);

    // Spot checks of the loader's semantics the comparison relies on.
    const byId = new Map(got.content.map((a) => [a.id, a]));
    expect(byId.get('x-a1')!.props.slice(0, 6)).toEqual([
      'known_fraud',
      '2026-01-02T00:00:00Z',
      'ZONED DATETIME NOT NULL',
      'personal',
      'US',
      'closed',
    ]);
    const email = byId.get('x-a2')!.uses.find((u) => u[0] === 'Email')!;
    expect(email.slice(1, 3)).toEqual(['jdoe@gmail.com', 'J.Doe+promo@gmail.com']);
    // How each account wrote the mailbox (USES.spelling): x-a1 another way than the key, x-a2 as the key (none).
    expect(
      byId
        .get('x-a1')!
        .uses.find((u) => u[0] === 'Email')!
        .at(-1),
    ).toBe('J.Doe+promo@gmail.com');
    expect(email.at(-1)).toBeNull();
    const device = byId.get('x-a1')!.uses.find((u) => u[0] === 'Device')!;
    expect(device[7]).toBe(2);
    expect(byId.get('x-new')!.props[0]).toBe('unknown');

    // The bookkeeping is the loader's: a later incremental load recognises every file as loaded.
    const again = await load([
      '--skip-loaded',
      '--skip-invalid',
      '--rejects',
      join(data, 'again.rejects.ndjson'),
      ...withEdgeCases,
    ]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout.match(/skipped .*: already loaded/g)).toHaveLength(withEdgeCases.length);
  }, 1_800_000);

  it('a generated dataset (rows grouped by account): one streaming pass, and on both cores, the same graph as the loader', async () => {
    await wipe();
    const normal = await load(generated);
    expect(normal.code, normal.stderr).toBe(0);
    const expected = await snapshot();
    await wipe();
    const bulk = await load(['--bulk', ...generated]);
    expect(bulk.code, bulk.stderr).toBe(0);
    expect(bulk.stdout).not.toMatch(/spill/);
    // neo4j-admin's stages as they come (a bar per stage; without a terminal, a line at each start).
    for (const stage of ['(1/4) Node import', '(2/4) Relationship import', '(4/4) Post processing'])
      expect(bulk.stderr).toContain(`Importing ${stage}: 0/100 %`);
    const got = await snapshot();
    expect(got.counts).toEqual(expected.counts);
    expect(got.files).toEqual(expected.files);
    expect(got.hash).toBe(expected.hash);
    // The bulk path creates the schema four sessions at a time: the same constraints and indexes as the loader's.
    expect(got.schema).toEqual(expected.schema);
    expect(got.schema.length).toBeGreaterThanOrEqual(7);

    // The same files converted on both cores (the links file cut in two halves; two node and two USES files per
    // label for neo4j-admin): the same graph again.
    await wipe();
    const both = await load(['--bulk', '--bulk-parallel', 'on', ...generated]);
    expect(both.code, both.stderr).toBe(0);
    expect(both.stdout).toMatch(/converted on both cores/);
    const again = await snapshot();
    expect(again.counts).toEqual(expected.counts);
    expect(again.files).toEqual(expected.files);
    expect(again.hash).toBe(expected.hash);
  }, 1_800_000);
});
