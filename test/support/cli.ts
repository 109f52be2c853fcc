/** Runs a project CLI (scripts/*.ts) against the test Neo4j, as a user would. */
import { spawn, type ChildProcess } from 'node:child_process';
import { testNeo4j } from './neo4j.ts';

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export function spawnCli(
  script: string,
  args: string[],
  env: Record<string, string> = {},
): { child: ChildProcess; done: Promise<CliResult> } {
  const t = testNeo4j();
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    env: {
      ...process.env,
      NEO4J_URI: t.uri,
      NEO4J_USER: t.user,
      NEO4J_PASSWORD: t.password,
      NEO4J_DATABASE: t.database,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  const done = new Promise<CliResult>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { child, done };
}

export function runCli(script: string, args: string[], env?: Record<string, string>): Promise<CliResult> {
  return spawnCli(script, args, env).done;
}
