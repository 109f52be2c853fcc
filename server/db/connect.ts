/**
 * The connection every CLI uses: NEO4J_URI when set, otherwise the project-local `main` instance (started, and
 * installed first, when needed).
 */
import type { Config } from '../config.ts';
import { Db, type DbOptions } from './database.ts';
import { mainInstance } from './instances.ts';
import { start } from './local-neo4j.ts';

export async function resolveDbOptions(cfg: Config, log: (line: string) => void = () => {}): Promise<DbOptions> {
  if (cfg.NEO4J_URI && cfg.NEO4J_PASSWORD) {
    return { uri: cfg.NEO4J_URI, user: cfg.NEO4J_USER, password: cfg.NEO4J_PASSWORD, database: cfg.NEO4J_DATABASE };
  }
  const local = await start(mainInstance(cfg, log));
  log(`${local.reused ? 'Using' : 'Started'} the local Neo4j at ${local.uri}.`);
  return { uri: local.uri, user: local.user, password: local.password, database: 'neo4j' };
}

export async function connect(cfg: Config, log?: (line: string) => void): Promise<Db> {
  const db = await Db.connect(await resolveDbOptions(cfg, log));
  await db.applySchema();
  return db;
}
