/** Helpers for tests that talk to the real test Neo4j started by test/global-setup.ts. */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, inject } from 'vitest';
import { Db } from '../../server/db/database.ts';

export interface TestNeo4j {
  uri: string;
  user: string;
  password: string;
  database: string;
  /** True when it is the project-local test instance. */
  local: boolean;
  home?: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    neo4j: TestNeo4j;
  }
}

export function testNeo4j(): TestNeo4j {
  return inject('neo4j');
}

export async function connectTestDb(): Promise<Db> {
  const c = testNeo4j();
  const db = await Db.connect({ uri: c.uri, user: c.user, password: c.password, database: c.database });
  await db.applySchema();
  return db;
}

/** A prefix for ids so each test's data is its own and can be removed afterwards. */
export function uniquePrefix(name: string): string {
  return `t-${name}-${randomBytes(4).toString('hex')}-`;
}

/**
 * A test file's own connection plus id prefixes: registers beforeAll/afterAll that connect, and afterwards remove
 * everything written under each prefix handed out (test/cypher/test-ingest-cleanup.write).
 */
export function usePrefixedTestDb(): { db: Db; prefix(name: string): string } {
  const prefixes: string[] = [];
  const handle = {
    db: undefined as unknown as Db,
    prefix(name: string): string {
      const p = uniquePrefix(name);
      prefixes.push(p);
      return p;
    },
  };
  beforeAll(async () => {
    handle.db = await connectTestDb();
  });
  afterAll(async () => {
    for (const p of prefixes) await handle.db.write('test-ingest-cleanup.write', { prefix: p });
    await handle.db.close();
  });
  return handle;
}
