import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.ts';
import { mainInstance } from '../../server/db/instances.ts';
import { instancePaths } from '../../server/db/local-neo4j.ts';
import { testNeo4j } from '../support/neo4j.ts';

// `npm test` while `npm start` is up must leave the user's database untouched: the suite runs on its own
// instance, with its own port and data folder.
describe('test isolation', () => {
  it('the suite never talks to the main instance', () => {
    const t = testNeo4j();
    const main = mainInstance(loadConfig({}));
    expect(t.uri).not.toBe(`bolt://127.0.0.1:${main.boltPort}`);
    if (t.local) {
      expect(t.home).toBe(instancePaths({ name: 'test', root: main.root }).home);
      expect(t.home).not.toBe(instancePaths(main).home);
    }
  });
});
