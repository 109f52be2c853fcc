/**
 * `npm run spark -- <build|test|partition> [options]`: the partition job on Apache Spark (engine/spark/).
 *
 *   build       mvn package (downloads Spark, GraphX and the Neo4j Connector into ~/.m2 on first use): the job jar
 *               engine/spark/target/ringlens-spark.jar and, for running without a Spark install, Spark's jars in
 *               engine/spark/target/spark-lib/
 *   test        mvn package: the JUnit suite (Spark in local mode) and the jar; then the integration test
 *               test/integration/spark-engine.test.ts (`--engine spark` == `--engine local` on a generated set, real
 *               test Neo4j, Spark local[2]) and spark-engine-100k.test.ts (the same at 100 000 accounts, bulk-loaded
 *               into a throw-away Neo4j of its own)
 *   partition   runs the job on this machine (master local[*] unless --master): reads the links from the local
 *               Neo4j (or NEO4J_URI / NEO4J_PASSWORD), writes account_id,part_id CSV files to --out
 *               (default .ringlens/parts). Other options go to the job (see engine/spark README section).
 *
 * Exit codes: 0 done, 1 failed, 2 bad usage.
 */
import { join } from 'node:path';
import { loadConfig } from '../server/config.ts';
import { resolveDbOptions } from '../server/db/connect.ts';
import { mvn, ROOT, runCommand, runPartitionJob } from '../server/engine/spark-job.ts';

const HELP = `Usage: npm run spark -- <build|test|partition> [options]

  build                 build the job jar with Maven (first run downloads Spark into ~/.m2)
  test                  run the job's JUnit tests (Spark local mode), build the jar, then the integration tests of
                        npm run detect -- --engine spark against --engine local (test Neo4j, Spark local[2]; and at
                        100 000 accounts bulk-loaded into a throw-away Neo4j)
  partition [options]   run the job here: --out DIR (default .ringlens/parts), --master URL (default local[*]),
                        --max-sharers N, --max-sharers-<kind> N, --links-csv PATH, --driver-memory SIZE (default 2g)
                        Reads the local Neo4j unless NEO4J_URI/NEO4J_PASSWORD say otherwise.`;

async function partition(args: string[]): Promise<number> {
  const rest = [...args];
  const take = (name: string): string | undefined => {
    const i = rest.indexOf(name);
    if (i < 0) return undefined;
    const [, value] = rest.splice(i, 2);
    return value;
  };
  const memory = take('--driver-memory') ?? '2g';
  if (!rest.includes('--out')) rest.push('--out', join(ROOT, '.ringlens', 'parts'));
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (!rest.includes('--links-csv') && !rest.includes('--neo4j-url')) {
    const db = await resolveDbOptions(loadConfig(), (l) => console.error(l));
    rest.push('--neo4j-url', db.uri, '--neo4j-user', db.user, '--neo4j-database', db.database ?? 'neo4j');
    // The password goes by environment, never on a command line other users can read.
    env.NEO4J_PASSWORD = db.password;
  }
  return (await runPartitionJob(rest, { env, driverMemory: memory })).code;
}

async function test(): Promise<number> {
  const code = await mvn(['package']);
  if (code !== 0) return code;
  const vitest = join(ROOT, 'node_modules', 'vitest', 'vitest.mjs');
  const suite = [
    'run',
    '--project',
    'integration',
    'test/integration/spark-engine.test.ts',
    'test/integration/spark-engine-100k.test.ts',
  ];
  return (await runCommand(process.execPath, [vitest, ...suite], { env: { ...process.env, RINGLENS_SPARK_TEST: '1' } }))
    .code;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  if (!command || command === '--help' || command === '-h') {
    console.log(HELP);
    return command ? 0 : 2;
  }
  if (command === 'build') return mvn(['package', '-DskipTests']);
  if (command === 'test') return test();
  if (command === 'partition') return partition(args);
  console.error(`Unknown command '${command}'.\n\n${HELP}`);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`spark: ${(err as Error).message ?? String(err)}`);
    process.exit(1);
  },
);
