/**
 * Running the Spark partition job (engine/spark/) from Node: Maven to build it, plain `java` with Spark's jars on the
 * class path to run it in local mode (no Spark install needed). Used by `npm run spark` (scripts/spark.ts) and by the
 * Spark detection engine (spark-engine.ts).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findJava } from '../db/local-neo4j.ts';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const ENGINE = join(ROOT, 'engine', 'spark');
export const JAR = join(ENGINE, 'target', 'ringlens-spark.jar');
export const SPARK_LIB = join(ENGINE, 'target', 'spark-lib');

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

/** The Spark job failed or could not be built: exit status 1 of the command that ran it. */
export class SparkJobError extends Error {
  readonly exitCode = 1;
  constructor(message: string) {
    super(message);
    this.name = 'SparkJobError';
  }
}

export interface RunOptions {
  env?: NodeJS.ProcessEnv;
  /** 'inherit' shows the child's output; 'pipe' collects it (returned, and quoted on failure). */
  stdio?: 'inherit' | 'pipe';
}

export function runCommand(
  cmd: string,
  args: string[],
  opts: RunOptions = {},
): Promise<{ code: number; output: string }> {
  return new Promise((done, fail) => {
    // Local runs and tests keep Spark's driver and block manager on loopback (Spark otherwise binds the host's
    // first interface address); a cluster run under spark-submit sets its own.
    const child = spawn(cmd, args, {
      stdio: opts.stdio === 'pipe' ? ['ignore', 'pipe', 'pipe'] : 'inherit',
      env: { SPARK_LOCAL_IP: '127.0.0.1', ...(opts.env ?? process.env) },
    });
    let output = '';
    const keep = (chunk: Buffer): void => {
      output = (output + chunk.toString('utf8')).slice(-20_000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    child.on('error', fail);
    child.on('close', (code) => done({ code: code ?? 1, output }));
  });
}

export async function mvn(goals: string[], opts: RunOptions = {}): Promise<number> {
  try {
    return (await runCommand('mvn', ['-B', '-q', '-f', join(ENGINE, 'pom.xml'), ...goals], opts)).code;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      console.error(
        'The Spark job is built with Maven (mvn) and Java 17: install them (Debian: apt-get install maven).',
      );
      return 1;
    }
    throw err;
  }
}

export function jobBuilt(): boolean {
  return existsSync(JAR) && existsSync(SPARK_LIB);
}

/** Builds the job jar unless it is there (`mvn package -DskipTests`). */
export async function ensureBuilt(opts: RunOptions = {}): Promise<void> {
  if (jobBuilt()) return;
  console.error(`Building the Spark job first (${JAR} is missing) …`);
  const code = await mvn(['package', '-DskipTests'], opts);
  if (code !== 0) throw new SparkJobError(`Building the Spark job failed (mvn exit code ${code}).`);
}

/**
 * Runs PartitionJob with `args` on this machine (`java -cp jar:spark-lib/*`); the master is the job's `--master`
 * (local[*] when absent). Resolves with the exit code and, with stdio 'pipe', the output.
 */
export async function runPartitionJob(
  args: string[],
  opts: RunOptions & { driverMemory?: string } = {},
): Promise<{ code: number; output: string }> {
  await ensureBuilt(opts);
  const java = await findJava();
  return runCommand(
    java.java,
    [
      `-Xmx${opts.driverMemory ?? '2g'}`,
      ...SPARK_JAVA_OPENS,
      `-Dlog4j2.configurationFile=${join(ENGINE, 'conf', 'log4j2.properties')}`,
      '-cp',
      [JAR, join(SPARK_LIB, '*')].join(':'),
      'dev.ringlens.spark.PartitionJob',
      ...args,
    ],
    opts,
  );
}
