/**
 * The driver's lifecycle and the query runner: the only module (with its siblings in server/db/) that talks to
 * neo4j-driver. Reads run in `executeRead`, writes in `executeWrite` — both retried by the driver on transient
 * errors, so every write query must be idempotent (MERGE, not CREATE).
 */
import neo4j, { Neo4jError } from 'neo4j-driver';
import type { Driver, ManagedTransaction } from 'neo4j-driver';
import { ServiceUnavailableError } from '../errors.ts';
import { cypher, statements, type QueryRef } from './cypher.ts';
import { recordToPlain } from './convert.ts';
import { flattenPlan, type QueryPlan } from './plan.ts';

export interface DbOptions {
  uri: string;
  user: string;
  password: string;
  database: string;
  /** Seconds each managed transaction may spend retrying transient failures. */
  maxRetrySeconds?: number;
}

export type Params = Record<string, unknown>;

/** What a write changed, from the driver's result summary. */
export interface WriteStats {
  nodesCreated: number;
  nodesDeleted: number;
  relationshipsCreated: number;
  relationshipsDeleted: number;
  propertiesSet: number;
}

/** A transaction seen from outside server/db: named queries in, plain rows out. */
export interface Tx {
  run<T = Record<string, unknown>>(query: QueryRef, params?: Params): Promise<T[]>;
  /** Like run, plus what the query changed. */
  runWithStats<T = Record<string, unknown>>(
    query: QueryRef,
    params?: Params,
  ): Promise<{ rows: T[]; stats: WriteStats }>;
}

/** A connection problem described in one sentence, for `npm start` and /api/health. */
export class DbConnectError extends Error {
  override name = 'DbConnectError';
  readonly exitCode = 1;
  readonly retriable = true;
  constructor(
    message: string,
    readonly reason: 'auth' | 'unreachable' | 'other',
  ) {
    super(message);
  }
}

export interface ServerInfo {
  version: string;
  edition: string;
  address: string;
  database: string;
}

export class Db {
  private constructor(
    private readonly driver: Driver,
    readonly options: DbOptions,
  ) {}

  /** Creates the driver and checks that the server answers and accepts the credentials. */
  static async connect(options: DbOptions): Promise<Db> {
    let driver: Driver;
    try {
      driver = neo4j.driver(options.uri, neo4j.auth.basic(options.user, options.password), {
        maxTransactionRetryTime: (options.maxRetrySeconds ?? 30) * 1000,
        connectionAcquisitionTimeout: 20_000,
        connectionTimeout: 10_000,
        disableLosslessIntegers: false,
        userAgent: 'ringlens/0.1',
      });
    } catch (err) {
      throw new DbConnectError(
        `NEO4J_URI '${options.uri}' is not a valid Neo4j URI: ${(err as Error).message}`,
        'other',
      );
    }
    const db = new Db(driver, options);
    try {
      await driver.verifyConnectivity({ database: options.database });
    } catch (err) {
      await driver.close();
      throw describeConnectError(err, options);
    }
    return db;
  }

  async read<T = Record<string, unknown>>(query: QueryRef, params: Params = {}): Promise<T[]> {
    return this.readTx((tx) => tx.run<T>(query, params));
  }

  async write<T = Record<string, unknown>>(query: QueryRef, params: Params = {}): Promise<T[]> {
    return this.writeTx((tx) => tx.run<T>(query, params));
  }

  /**
   * Streams the rows of a read query one at a time (records are pulled as they are consumed, so a large result is
   * never held whole). Not retried: a caller that needs to resume pages by key instead.
   */
  async *stream<T = Record<string, unknown>>(query: string, params: Params = {}): AsyncGenerator<T> {
    const session = this.driver.session({ database: this.options.database, defaultAccessMode: neo4j.session.READ });
    try {
      const result = session.run(cypher(query), params);
      for await (const record of result) yield recordToPlain<T>(record);
    } catch (err) {
      throw translateError(err);
    } finally {
      await session.close();
    }
  }

  async readTx<R>(work: (tx: Tx) => Promise<R>): Promise<R> {
    return this.withSession('READ', (session) => session.executeRead((tx) => work(wrap(tx))));
  }

  async writeTx<R>(work: (tx: Tx) => Promise<R>): Promise<R> {
    return this.withSession('WRITE', (session) => session.executeWrite((tx) => work(wrap(tx))));
  }

  /**
   * The plan of a named query: `EXPLAIN` (planned, not run) or `PROFILE` (run — a write query writes, in a write
   * transaction that commits — with database hits per operator). For tests and benchmarks that check how a query
   * reads the graph.
   */
  async plan(query: QueryRef, params: Params = {}, mode: 'EXPLAIN' | 'PROFILE' = 'EXPLAIN'): Promise<QueryPlan> {
    return this.withSession('WRITE', (session) =>
      session.executeWrite(async (tx) => {
        const result = await tx.run(`${mode} ${cypher(query)}`, params);
        return flattenPlan(mode === 'PROFILE' ? result.summary.profile : result.summary.plan);
      }),
    );
  }

  /**
   * Applies cypher/schema.cypher (idempotent: every statement says IF NOT EXISTS). Schema statements cannot share a
   * transaction with each other in Neo4j 5, so one transaction each. With `concurrency` above 1 the statements run
   * in that many sessions at once, those on one label (or relationship type) in order in one session — statements on
   * one label lock it against each other and deadlock when run side by side. On a full store (after a bulk import)
   * each uniqueness constraint populates its index before it returns, and populations of different labels then
   * overlap: at 1M accounts, 48.6 s one by one against 28.3 s four at a time (bench/RESULTS.md, bulk-load).
   */
  async applySchema(opts: { concurrency?: number } = {}): Promise<number> {
    const stmts = statements('schema');
    const groups = schemaGroups(stmts);
    let next = 0;
    const worker = async (): Promise<void> => {
      for (let g = groups[next++]; g; g = groups[next++]) {
        for (const text of g) {
          await this.withSession('WRITE', (session) => session.executeWrite((tx) => tx.run(text)));
        }
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(opts.concurrency ?? 1, groups.length)) }, worker));
    return stmts.length;
  }

  async serverInfo(): Promise<ServerInfo> {
    const rows = await this.read<{ name: string; version: string; edition: string }>('server-components.read');
    const kernel = rows.find((r) => r.name === 'Neo4j Kernel') ?? rows[0];
    const info = await this.driver.getServerInfo({ database: this.options.database });
    return {
      version: kernel?.version ?? 'unknown',
      edition: kernel?.edition ?? 'unknown',
      address: info.address ?? this.options.uri,
      database: this.options.database,
    };
  }

  async verify(): Promise<void> {
    try {
      await this.driver.verifyConnectivity({ database: this.options.database });
    } catch (err) {
      throw describeConnectError(err, this.options);
    }
  }

  async close(): Promise<void> {
    await this.driver.close();
  }

  private async withSession<R>(
    mode: 'READ' | 'WRITE',
    work: (session: ReturnType<Driver['session']>) => Promise<R>,
  ): Promise<R> {
    const session = this.driver.session({
      database: this.options.database,
      defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE,
    });
    try {
      return await work(session);
    } catch (err) {
      throw translateError(err);
    } finally {
      await session.close();
    }
  }
}

function wrap(tx: ManagedTransaction): Tx {
  return {
    async run<T>(query: QueryRef, params: Params = {}): Promise<T[]> {
      const result = await tx.run(cypher(query), params);
      return result.records.map((r) => recordToPlain<T>(r));
    },
    async runWithStats<T>(query: QueryRef, params: Params = {}) {
      const result = await tx.run(cypher(query), params);
      const u = result.summary.counters.updates();
      return {
        rows: result.records.map((r) => recordToPlain<T>(r)),
        stats: {
          nodesCreated: u.nodesCreated,
          nodesDeleted: u.nodesDeleted,
          relationshipsCreated: u.relationshipsCreated,
          relationshipsDeleted: u.relationshipsDeleted,
          propertiesSet: u.propertiesSet,
        },
      };
    },
  };
}

const UNAVAILABLE_CODES = new Set([
  'ServiceUnavailable',
  'SessionExpired',
  'Neo.TransientError.General.DatabaseUnavailable',
]);

/** Neo4j being down is a 503 for clients; everything else stays as it is (and becomes a 500 with no details). */
export function translateError(err: unknown): unknown {
  if (err instanceof Neo4jError && UNAVAILABLE_CODES.has(err.code)) return new ServiceUnavailableError();
  return err;
}

export function isUnavailable(err: unknown): boolean {
  return err instanceof ServiceUnavailableError || (err instanceof Neo4jError && UNAVAILABLE_CODES.has(err.code));
}

function describeConnectError(err: unknown, o: DbOptions): DbConnectError {
  const code = err instanceof Neo4jError ? err.code : '';
  const msg = (err as Error).message ?? String(err);
  if (code.startsWith('Neo.ClientError.Security')) {
    return new DbConnectError(
      `Neo4j at ${o.uri} refused user '${o.user}': the password is wrong (check NEO4J_USER and NEO4J_PASSWORD).`,
      'auth',
    );
  }
  if (code === 'ServiceUnavailable' || /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|connect|timed? ?out/i.test(msg)) {
    return new DbConnectError(
      `Cannot reach Neo4j at ${o.uri} (is it running, and is NEO4J_URI right?).`,
      'unreachable',
    );
  }
  if (code === 'Neo.ClientError.Database.DatabaseNotFound') {
    return new DbConnectError(`Neo4j at ${o.uri} has no database '${o.database}' (check NEO4J_DATABASE).`, 'other');
  }
  return new DbConnectError(`Could not connect to Neo4j at ${o.uri}: ${msg.split('\n')[0]}`, 'other');
}

/**
 * Schema statements grouped by the label or relationship type they are on (`FOR (n:Label)`, `FOR ()-[r:TYPE]-()`),
 * in file order within a group; groups in order of first appearance. Exported for tests.
 */
export function schemaGroups(stmts: readonly string[]): string[][] {
  const groups = new Map<string, string[]>();
  for (const text of stmts) {
    const m = /\bFOR\s*\(\s*\w*\s*:\s*(\w+)\s*\)|\bFOR\s*\(\s*\)\s*-\s*\[\s*\w*\s*:\s*(\w+)\s*\]/i.exec(text);
    const key = m ? (m[1] !== undefined ? `label:${m[1]}` : `type:${m[2]}`) : `statement:${text}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = []));
    g.push(text);
  }
  return [...groups.values()];
}
