/** Vitest setup file of the integration and e2e suites: the tests' own queries (test/cypher/test-*.cypher). */
import { join } from 'node:path';
import { addCypherDir } from '../server/db/cypher.ts';

addCypherDir(join(import.meta.dirname, 'cypher'));
