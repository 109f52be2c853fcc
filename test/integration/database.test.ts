import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Db, DbConnectError } from '../../server/db/database.ts';
import { connectTestDb, testNeo4j, uniquePrefix } from '../support/neo4j.ts';

describe('Neo4j (real test server)', () => {
  let db: Db;
  const prefix = uniquePrefix('db');

  beforeAll(async () => {
    db = await connectTestDb();
  });
  afterAll(async () => {
    await db.write('test-delete-by-prefix.write', { prefix });
    await db.close();
  });

  it('is Neo4j 5.26.x', async () => {
    const info = await db.serverInfo();
    expect(info.version).toMatch(/^5\.26\.\d+$/);
    expect(info.edition).toBe('community');
  });

  it('writes and reads back, converting integers and temporals to plain JS at the boundary', async () => {
    await db.write('test-account-upsert.write', {
      id: `${prefix}a1`,
      label: 'known_fraud',
      createdAt: '2026-01-02T03:04:05Z',
    });
    await db.write('test-account-upsert.write', {
      id: `${prefix}a2`,
      label: 'legit',
      createdAt: '2026-02-03T00:00:00Z',
    });
    const rows = await db.read<{ id: string; label: string; createdAt: string }>('test-accounts-by-prefix.read', {
      prefix,
    });
    expect(rows).toEqual([
      { id: `${prefix}a1`, label: 'known_fraud', createdAt: '2026-01-02T03:04:05.000Z' },
      { id: `${prefix}a2`, label: 'legit', createdAt: '2026-02-03T00:00:00.000Z' },
    ]);
    const [count] = await db.read<{ nodes: unknown }>('count-all-nodes.read');
    expect(typeof count?.nodes).toBe('number');
  });

  it('has a uniqueness constraint on every key, and it rejects a duplicate account id', async () => {
    const constraints = await db.read<{ name: string; type: string; labelsOrTypes: string[]; properties: string[] }>(
      'schema-constraints.read',
    );
    const unique = new Map(
      constraints.filter((c) => c.type === 'UNIQUENESS').map((c) => [c.labelsOrTypes[0], c.properties]),
    );
    expect(unique.get('Account')).toEqual(['id']);
    for (const label of ['Device', 'PaymentMethod', 'IP', 'Email', 'Phone', 'Address'])
      expect(unique.get(label)).toEqual(['key']);

    await db.write('test-account-create.write', { id: `${prefix}dup` });
    await expect(db.write('test-account-create.write', { id: `${prefix}dup` })).rejects.toMatchObject({
      code: 'Neo.ClientError.Schema.ConstraintValidationFailed',
    });
    const rows = await db.read<{ id: string }>('test-accounts-by-prefix.read', { prefix: `${prefix}dup` });
    expect(rows).toHaveLength(1);
  });

  it('applying the schema again is harmless', async () => {
    const n = await db.applySchema();
    expect(n).toBeGreaterThanOrEqual(7);
  });

  it('applying the schema four sessions at a time (the bulk load does) leaves the same constraints and indexes', async () => {
    const schema = async () =>
      (await db.read<{ name: string; type: string }>('test-schema-names.read'))
        .map((r) => `${r.type} ${r.name}`)
        .sort();
    const before = await schema();
    expect(await db.applySchema({ concurrency: 4 })).toBeGreaterThanOrEqual(7);
    expect(await schema()).toEqual(before);
    expect(before.length).toBeGreaterThanOrEqual(7);
  });

  it('says in one sentence when the password is wrong or the server is unreachable', async () => {
    const c = testNeo4j();
    await expect(Db.connect({ ...c, password: 'definitely-wrong' })).rejects.toSatisfy(
      (e: unknown) => e instanceof DbConnectError && e.reason === 'auth' && /password is wrong/.test(e.message),
    );
    await expect(Db.connect({ ...c, uri: 'bolt://127.0.0.1:1' })).rejects.toSatisfy(
      (e: unknown) => e instanceof DbConnectError && e.reason === 'unreachable' && /Cannot reach Neo4j/.test(e.message),
    );
  });
});
