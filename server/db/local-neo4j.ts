/**
 * A project-local Neo4j Community Server 5.26 LTS, installed from Maven Central and run by the distribution's
 * own boot classes.
 *
 * Why not the tarball: `org.neo4j.assembly:neo4j-community-standalone:tar.gz:unix` is not published on Maven
 * Central (only its POM is). The POM names the jars the tarball ships (`org.neo4j.app:neo4j-server` plus
 * `neo4j-bootcheck` and their dependencies), so `install` resolves exactly those with `mvn
 * dependency:copy-dependencies` (scripts/neo4j/pom.xml) into `.ringlens/neo4j/lib-<version>/` and every instance
 * gets a NEO4J_HOME with `lib -> ../lib-<version>` and its own `conf/`, `data/`, `logs/`, `run/`. `start`/`stop`
 * then run `org.neo4j.server.startup.Neo4jBoot` — the class behind the distribution's `bin/neo4j` — so the
 * server is the real standalone server (its own JVM, pid file, logs), not an embedded database.
 *
 * Two instances exist by default: `main` (npm start; Bolt 7687) and `test` (the test suite; Bolt 7688), each with
 * its own data folder and generated password, so tests never touch the user's data.
 */
import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync, chmodSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import neo4j from 'neo4j-driver';

const execFileAsync = promisify(execFile);

export const NEO4J_VERSION = '5.26.30';
const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const FETCH_POM = join(PROJECT_ROOT, 'scripts', 'neo4j', 'pom.xml');

export interface LocalInstanceOptions {
  /** Instance name: its folder under `<root>/neo4j/`. */
  name: string;
  /** The `.ringlens` folder (git-ignored). */
  root?: string;
  boltPort: number;
  httpPort: number;
  heapSize: string;
  pageCacheSize: string;
  /** Extra neo4j.conf lines (e.g. settings only the test instance wants). */
  extraConfig?: string[];
  /** How long `start` waits for Bolt to answer. */
  startTimeoutMs?: number;
  log?: (line: string) => void;
}

export interface LocalInstance {
  uri: string;
  user: string;
  password: string;
  home: string;
  logFile: string;
  /** True when `start` found the server already running and reused it. */
  reused: boolean;
}

export class LocalNeo4jError extends Error {
  override name = 'LocalNeo4jError';
  readonly exitCode = 1;
  readonly retriable = false;
}

function paths(opts: Pick<LocalInstanceOptions, 'name' | 'root'>) {
  const root = resolve(opts.root ?? join(PROJECT_ROOT, '.ringlens'));
  const base = join(root, 'neo4j');
  const lib = join(base, `lib-${NEO4J_VERSION}`);
  const home = join(base, opts.name);
  return {
    root,
    base,
    lib,
    marker: join(lib, '.complete'),
    home,
    conf: join(home, 'conf'),
    logs: join(home, 'logs'),
    logFile: join(home, 'logs', 'neo4j.log'),
    debugLog: join(home, 'logs', 'debug.log'),
    pidFile: join(home, 'run', 'neo4j.pid'),
    passwordFile: join(root, 'credentials', `neo4j-${opts.name}.password`),
  };
}

/** Finds a Java 17 or 21 runtime: JAVA_HOME, then `java` on PATH, then the JDKs under /usr/lib/jvm. */
export async function findJava(): Promise<{ java: string; javaHome?: string; major: number }> {
  const candidates: Array<{ java: string; javaHome?: string }> = [];
  if (process.env.JAVA_HOME) {
    candidates.push({ java: join(process.env.JAVA_HOME, 'bin', 'java'), javaHome: process.env.JAVA_HOME });
  }
  candidates.push({ java: 'java' });
  if (existsSync('/usr/lib/jvm')) {
    for (const d of readdirSync('/usr/lib/jvm').sort()) {
      const javaHome = join('/usr/lib/jvm', d);
      if (existsSync(join(javaHome, 'bin', 'java'))) candidates.push({ java: join(javaHome, 'bin', 'java'), javaHome });
    }
  }
  const seen: string[] = [];
  for (const c of candidates) {
    try {
      const { stderr, stdout } = await execFileAsync(c.java, ['-version']);
      const m = /version "(\d+)(?:\.(\d+))?/.exec(stderr + stdout);
      if (!m) continue;
      let major = Number(m[1]);
      if (major === 1 && m[2]) major = Number(m[2]);
      seen.push(`${c.java} (Java ${major})`);
      if (major === 17 || major === 21) return { ...c, major };
    } catch {
      // not installed at that place; try the next one
    }
  }
  throw new LocalNeo4jError(
    seen.length
      ? `Neo4j 5.26 needs Java 17 or 21, but only found ${seen.join(', ')}. Install one (Debian: apt-get install openjdk-17-jre-headless) or set JAVA_HOME to it.`
      : 'Neo4j 5.26 needs Java 17 or 21 and no Java was found. Install one (Debian: apt-get install openjdk-17-jre-headless) or set JAVA_HOME to it.',
  );
}

export function isInstalled(root?: string): boolean {
  return existsSync(paths({ name: '_', root }).marker);
}

/** Resolves the Neo4j server jars from Maven Central into `.ringlens/neo4j/lib-<version>/`. Idempotent. */
export async function install(
  opts: { root?: string; log?: (line: string) => void } = {},
): Promise<{ lib: string; skipped: boolean }> {
  const p = paths({ name: '_', root: opts.root });
  if (existsSync(p.marker)) return { lib: p.lib, skipped: true };
  await findJava();
  mkdirSync(p.lib, { recursive: true });
  opts.log?.(`Installing Neo4j Community ${NEO4J_VERSION} from Maven Central into ${p.lib} …`);
  const args = [
    '-B',
    '-q',
    '-f',
    FETCH_POM,
    `-Dneo4j.version=${NEO4J_VERSION}`,
    'dependency:copy-dependencies',
    `-DoutputDirectory=${p.lib}`,
    '-DincludeScope=runtime',
  ];
  try {
    await execFileAsync('mvn', args, { maxBuffer: 64 * 1024 * 1024 });
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { stdout?: string; stderr?: string };
    if (e.code === 'ENOENT') {
      throw new LocalNeo4jError(
        'Installing Neo4j needs Maven (mvn) on PATH. Install it (Debian: apt-get install maven) or point NEO4J_URI at an existing Neo4j.',
      );
    }
    const tail = `${e.stdout ?? ''}${e.stderr ?? ''}`
      .split('\n')
      .filter((l) => l.includes('ERROR'))
      .slice(0, 5)
      .join('\n');
    throw new LocalNeo4jError(`Maven could not fetch Neo4j ${NEO4J_VERSION} from Maven Central:\n${tail || e.message}`);
  }
  if (!existsSync(join(p.lib, `neo4j-server-${NEO4J_VERSION}.jar`))) {
    throw new LocalNeo4jError(`Maven finished but ${p.lib} has no neo4j-server-${NEO4J_VERSION}.jar.`);
  }
  writeFileSync(p.marker, `${new Date().toISOString()}\n`);
  return { lib: p.lib, skipped: false };
}

function writeConfig(opts: LocalInstanceOptions, p: ReturnType<typeof paths>): void {
  for (const d of [
    p.conf,
    p.logs,
    join(p.home, 'data'),
    join(p.home, 'run'),
    join(p.home, 'plugins'),
    join(p.home, 'import'),
  ]) {
    mkdirSync(d, { recursive: true });
  }
  const libLink = join(p.home, 'lib');
  if (!existsSync(libLink)) symlinkSync(p.lib, libLink, 'dir');
  // Regenerated on every start so ports and memory follow the environment. Loopback only; HTTP is needed by
  // nothing in RingLens but kept on loopback for Neo4j Browser users.
  const conf = [
    '# Written by RingLens (server/db/local-neo4j.ts) on every start; edit the environment, not this file.',
    'server.default_listen_address=127.0.0.1',
    'server.default_advertised_address=127.0.0.1',
    `server.bolt.listen_address=127.0.0.1:${opts.boltPort}`,
    'server.bolt.tls_level=DISABLED',
    'server.http.enabled=true',
    `server.http.listen_address=127.0.0.1:${opts.httpPort}`,
    'server.https.enabled=false',
    'dbms.security.auth_enabled=true',
    `server.memory.heap.initial_size=${opts.heapSize}`,
    `server.memory.heap.max_size=${opts.heapSize}`,
    `server.memory.pagecache.size=${opts.pageCacheSize}`,
    'server.directories.import=import',
    'db.tx_log.rotation.retention_policy=2 files',
    'dbms.usage_report.enabled=false',
    'server.jvm.additional=-XX:+UseG1GC',
    'server.jvm.additional=-XX:+ExitOnOutOfMemoryError',
    'server.jvm.additional=-Djdk.tls.ephemeralDHKeySize=2048',
    ...(opts.extraConfig ?? []),
    '',
  ].join('\n');
  writeFileSync(join(p.conf, 'neo4j.conf'), conf);
}

async function runBoot(
  cls: 'Neo4jBoot' | 'Neo4jAdminBoot',
  args: string[],
  p: ReturnType<typeof paths>,
  java: { java: string; javaHome?: string },
  onLine?: (line: string) => void,
): Promise<{ stdout: string; stderr: string; code: number }> {
  return new Promise((resolvePromise) => {
    const child = spawn(java.java, ['-cp', `${p.lib}/*`, `org.neo4j.server.startup.${cls}`, ...args], {
      env: {
        ...process.env,
        NEO4J_HOME: p.home,
        NEO4J_CONF: p.conf,
        ...(java.javaHome ? { JAVA_HOME: java.javaHome } : {}),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let seen = 0; // stdout up to here went to onLine
    child.stdout.on('data', (d) => {
      stdout += d;
      if (!onLine) return;
      for (let nl = stdout.indexOf('\n', seen); nl >= 0; nl = stdout.indexOf('\n', seen)) {
        onLine(stdout.slice(seen, nl));
        seen = nl + 1;
      }
    });
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => {
      if (onLine && seen < stdout.length) onLine(stdout.slice(seen));
      resolvePromise({ stdout, stderr, code: code ?? 1 });
    });
  });
}

function readPassword(p: ReturnType<typeof paths>): string | undefined {
  return existsSync(p.passwordFile) ? readFileSync(p.passwordFile, 'utf8').trim() : undefined;
}

async function boltAnswers(
  uri: string,
  password: string,
): Promise<{ ok: boolean; authFailed?: boolean; error?: string }> {
  const driver = neo4j.driver(uri, neo4j.auth.basic('neo4j', password), {
    connectionTimeout: 3000,
    maxConnectionPoolSize: 1,
  });
  try {
    await driver.verifyConnectivity();
    return { ok: true };
  } catch (err) {
    const code = (err as { code?: string }).code ?? '';
    return { ok: false, authFailed: code.includes('Security'), error: (err as Error).message };
  } finally {
    await driver.close();
  }
}

export async function status(
  opts: LocalInstanceOptions,
): Promise<{ running: boolean; pid?: number; boltOk: boolean; uri: string; home: string }> {
  const p = paths(opts);
  const uri = `bolt://127.0.0.1:${opts.boltPort}`;
  let pid: number | undefined;
  if (existsSync(p.pidFile)) {
    const n = Number(readFileSync(p.pidFile, 'utf8').trim());
    try {
      process.kill(n, 0);
      pid = n;
    } catch {
      pid = undefined;
    }
  }
  const password = readPassword(p);
  const boltOk = pid !== undefined && password !== undefined && (await boltAnswers(uri, password)).ok;
  return { running: pid !== undefined, pid, boltOk, uri, home: p.home };
}

/**
 * Starts the instance (installing Neo4j first if needed) and waits until Bolt answers. Idempotent: a running
 * server is reused. On first start a password is generated and stored with mode 0600.
 */
export async function start(opts: LocalInstanceOptions): Promise<LocalInstance> {
  const log = opts.log ?? (() => {});
  const p = paths(opts);
  const uri = `bolt://127.0.0.1:${opts.boltPort}`;
  const java = await findJava();
  await install({ root: opts.root, log });

  const current = await status(opts);
  if (current.running) {
    const password = readPassword(p);
    if (password) {
      const ok = await waitForBolt(uri, password, opts.startTimeoutMs ?? 120_000, p, current.pid);
      if (ok) return { uri, user: 'neo4j', password, home: p.home, logFile: p.logFile, reused: true };
    }
  }

  writeConfig(opts, p);
  let password = readPassword(p);
  const hasStore = existsSync(join(p.home, 'data', 'dbms'));
  if (!password && hasStore) {
    throw new LocalNeo4jError(
      `The Neo4j instance at ${p.home} has data but its password file ${p.passwordFile} is missing. Restore that file, or delete ${join(p.home, 'data')} to start afresh.`,
    );
  }
  if (!password) {
    // Hex, not base64url: a password starting with '-' is taken for an option by neo4j-admin (1 start in 64 failed).
    password = randomBytes(18).toString('hex');
    mkdirSync(dirname(p.passwordFile), { recursive: true, mode: 0o700 });
    writeFileSync(p.passwordFile, `${password}\n`, { mode: 0o600 });
    chmodSync(p.passwordFile, 0o600);
  }
  if (!hasStore) {
    // A new store (first start, or its data folder was deleted): give it the generated password.
    const r = await runBoot('Neo4jAdminBoot', ['dbms', 'set-initial-password', password], p, java);
    if (r.code !== 0)
      throw new LocalNeo4jError(`Could not set the initial Neo4j password: ${(r.stderr || r.stdout).trim()}`);
  }

  log(`Starting Neo4j ${NEO4J_VERSION} (${opts.name}) on ${uri} …`);
  const r = await runBoot('Neo4jBoot', ['start'], p, java);
  if (r.code !== 0 && !/already running/i.test(r.stdout + r.stderr)) {
    throw new LocalNeo4jError(
      `Neo4j did not start (exit ${r.code}): ${(r.stderr || r.stdout).trim().split('\n').slice(-3).join(' ')} — see ${p.logFile} and ${p.debugLog}.`,
    );
  }
  const after = await status(opts);
  const ok = await waitForBolt(uri, password, opts.startTimeoutMs ?? 120_000, p, after.pid);
  if (!ok) {
    throw new LocalNeo4jError(
      `Neo4j started but Bolt on ${uri} did not answer within ${Math.round((opts.startTimeoutMs ?? 120_000) / 1000)} s — see ${p.logFile} and ${p.debugLog}.`,
    );
  }
  return { uri, user: 'neo4j', password, home: p.home, logFile: p.logFile, reused: false };
}

async function waitForBolt(
  uri: string,
  password: string,
  timeoutMs: number,
  p: ReturnType<typeof paths>,
  pid?: number,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const r = await boltAnswers(uri, password);
    if (r.ok) return true;
    if (r.authFailed) {
      throw new LocalNeo4jError(
        `Neo4j at ${uri} refused the password stored in ${p.passwordFile}. Restore the right password there, or delete ${join(p.home, 'data')} and the password file to start afresh.`,
      );
    }
    if (pid !== undefined) {
      try {
        process.kill(pid, 0);
      } catch {
        throw new LocalNeo4jError(`Neo4j exited while starting — see ${p.logFile} and ${p.debugLog}.`);
      }
    }
    await new Promise((r2) => setTimeout(r2, 500));
  }
  return false;
}

export async function stop(opts: LocalInstanceOptions): Promise<{ wasRunning: boolean }> {
  const p = paths(opts);
  const s = await status(opts);
  if (!s.running) return { wasRunning: false };
  const java = await findJava();
  const r = await runBoot('Neo4jBoot', ['stop'], p, java);
  if (r.code !== 0)
    throw new LocalNeo4jError(`Neo4j did not stop cleanly: ${(r.stderr || r.stdout).trim()} — see ${p.logFile}.`);
  return { wasRunning: true };
}

export function logFiles(opts: Pick<LocalInstanceOptions, 'name' | 'root'>): { neo4j: string; debug: string } {
  const p = paths(opts);
  return { neo4j: p.logFile, debug: p.debugLog };
}

/** Runs `neo4j-admin args…` for the instance; `onLine` sees its output line by line as it comes. */
export async function neo4jAdmin(
  opts: LocalInstanceOptions,
  args: string[],
  onLine?: (line: string) => void,
): Promise<{ stdout: string; stderr: string; code: number }> {
  const p = paths(opts);
  writeConfig(opts, p);
  return runBoot('Neo4jAdminBoot', args, p, await findJava(), onLine);
}

export function instancePaths(opts: Pick<LocalInstanceOptions, 'name' | 'root'>) {
  return paths(opts);
}
