/**
 * Vitest global setup for the integration and e2e suites: the tests' own Neo4j. When NEO4J_TEST_URI is set it is
 * used as it is; otherwise the project-local `test` instance (own data folder, Bolt 7688) is started — installed
 * first if needed — and reused across runs when already up. It is never the `main` instance of `npm start`.
 * If Neo4j cannot start, the run fails here: integration tests are never skipped silently.
 */
import type { TestProject } from 'vitest/node';
import { testInstance } from '../server/db/instances.ts';
import { start } from '../server/db/local-neo4j.ts';
import type { TestNeo4j } from './support/neo4j.ts';

export default async function setup(project: TestProject): Promise<void> {
  let conn: TestNeo4j;
  if (process.env.NEO4J_TEST_URI) {
    if (!process.env.NEO4J_TEST_PASSWORD) throw new Error('NEO4J_TEST_URI is set but NEO4J_TEST_PASSWORD is not.');
    conn = {
      uri: process.env.NEO4J_TEST_URI,
      user: process.env.NEO4J_TEST_USER || 'neo4j',
      password: process.env.NEO4J_TEST_PASSWORD,
      database: process.env.NEO4J_TEST_DATABASE || 'neo4j',
      local: false,
    };
  } else {
    const opts = testInstance(process.env, (l) => console.log(`[test neo4j] ${l}`));
    const inst = await start(opts);
    conn = { uri: inst.uri, user: inst.user, password: inst.password, database: 'neo4j', local: true, home: inst.home };
  }
  project.provide('neo4j', conn);
}
