/** Runs a project CLI (scripts/*.ts) against the test Neo4j, as a user would. */
import { spawn, type ChildProcess } from 'node:child_process';
import { testNeo4j } from './neo4j.ts';

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface SpawnedCli {
  child: ChildProcess;
  done: Promise<CliResult>;
  /** Whether the process has ended. */
  exited(): boolean;
  /** Resolves once its stdout contains `text`; rejects if it ends first. No time budget: it ends with the process. */
  printed(text: string): Promise<void>;
}

export function spawnCli(script: string, args: string[], env: Record<string, string> = {}): SpawnedCli {
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
  let ended = false;
  const done = new Promise<CliResult>((resolve) =>
    child.on('close', (code, signal) => {
      ended = true;
      resolve({ code, signal, stdout, stderr });
    }),
  );
  const printed = (text: string) =>
    new Promise<void>((resolve, reject) => {
      const look = () => {
        if (!stdout.includes(text)) return false;
        child.stdout!.off('data', look);
        resolve();
        return true;
      };
      if (look()) return;
      child.stdout!.on('data', look);
      void done.then((r) => {
        if (!stdout.includes(text))
          reject(
            new Error(`${script} ended (code ${r.code}, signal ${r.signal}) before printing ${text}:\n${r.stderr}`),
          );
      });
    });
  return { child, done, exited: () => ended, printed };
}

export function runCli(script: string, args: string[], env?: Record<string, string>): Promise<CliResult> {
  return spawnCli(script, args, env).done;
}
