/** Helpers for tests that talk to the real test Neo4j started by test/global-setup.ts. */
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
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
