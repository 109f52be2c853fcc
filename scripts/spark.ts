/**
 * `npm run spark -- <build|test|partition> [options]`: the partition job on Apache Spark (engine/spark/).
 *
 *   build       mvn package (downloads Spark, GraphX and the Neo4j Connector into ~/.m2 on first use): the job jar
 *               engine/spark/target/ringlens-spark.jar and, for running without a Spark install, Spark's jars in
 *               engine/spark/target/spark-lib/
 *   test        mvn test: the JUnit suite, Spark in local mode
 *   partition   runs the job on this machine (master local[*] unless --master): reads the links from the local
 *               Neo4j (or NEO4J_URI / NEO4J_PASSWORD), writes account_id,part_id CSV files to --out
 *               (default .ringlens/parts). Other options go to the job (see engine/spark README section).
 *
 * Exit codes: 0 done, 1 failed, 2 bad usage.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../server/config.ts';
import { resolveDbOptions } from '../server/db/connect.ts';
import { findJava } from '../server/db/local-neo4j.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const ENGINE = join(ROOT, 'engine', 'spark');
const JAR = join(ENGINE, 'target', 'ringlens-spark.jar');
const SPARK_LIB = join(ENGINE, 'target', 'spark-lib');

// Spark 3.5 on Java 17 needs these (the list spark-submit's launcher adds itself; kept in step with the pom).
export const SPARK_JAVA_OPENS = [
  'java.lang',
  'java.lang.invoke',
  'java.lang.reflect',
  'java.io',
  'java.net',
  'java.nio',
  'java.util',
  'java.util.concurrent',
  'java.util.concurrent.atomic',
  'sun.nio.ch',
  'sun.nio.cs',
  'sun.security.action',
  'sun.util.calendar',
].map((p) => `--add-opens=java.base/${p}=ALL-UNNAMED`);

const HELP = `Usage: npm run spark -- <build|test|partition> [options]

  build                 build the job jar with Maven (first run downloads Spark into ~/.m2)
  test                  run the job's JUnit tests (Spark local mode)
  partition [options]   run the job here: --out DIR (default .ringlens/parts), --master URL (default local[*]),
                        --max-sharers N, --max-sharers-<kind> N, --links-csv PATH, --driver-memory SIZE (default 2g)
                        Reads the local Neo4j unless NEO4J_URI/NEO4J_PASSWORD say otherwise.`;

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  return new Promise((done, fail) => {
    // Local runs and tests keep Spark's driver and block manager on loopback (Spark otherwise binds the host's
    // first interface address); a cluster run under spark-submit sets its own.
    const child = spawn(cmd, args, { stdio: 'inherit', env: { SPARK_LOCAL_IP: '127.0.0.1', ...env } });
    child.on('error', fail);
    child.on('close', (code) => done(code ?? 1));
  });
}

function mvn(goals: string[]): Promise<number> {
  return run('mvn', ['-B', '-q', '-f', join(ENGINE, 'pom.xml'), ...goals]).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') {
      console.error(
        'The Spark job is built with Maven (mvn) and Java 17: install them (Debian: apt-get install maven).',
      );
      return 1;
    }
    throw err;
  });
}

async function partition(args: string[]): Promise<number> {
  if (!existsSync(JAR) || !existsSync(SPARK_LIB)) {
    console.error(`Building the job first (${JAR} is missing) …`);
    const code = await mvn(['package', '-DskipTests']);
    if (code !== 0) return code;
  }
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
  const java = await findJava();
  const classpath = [JAR, join(SPARK_LIB, '*')].join(':');
  return run(
    java.java,
    [
      `-Xmx${memory}`,
      ...SPARK_JAVA_OPENS,
      `-Dlog4j2.configurationFile=${join(ENGINE, 'conf', 'log4j2.properties')}`,
      '-cp',
      classpath,
      'dev.ringlens.spark.PartitionJob',
      ...rest,
    ],
    env,
  );
}

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  if (!command || command === '--help' || command === '-h') {
    console.log(HELP);
    return command ? 0 : 2;
  }
  if (command === 'build') return mvn(['package', '-DskipTests']);
  if (command === 'test') return mvn(['test']);
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
