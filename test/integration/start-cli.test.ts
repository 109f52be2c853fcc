import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { testNeo4j } from '../support/neo4j.ts';

function runStart(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
      env: { ...process.env, PORT: '18181', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    // Only so that a hung start cannot outlive the test (whose own timeout is 900 s): not a speed requirement.
    const timer = setTimeout(() => child.kill('SIGKILL'), 600_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('npm start failure modes', () => {
  it('a wrong NEO4J_PASSWORD exits non-zero with one clear sentence, no stack trace', async () => {
    const r = await runStart({ NEO4J_URI: testNeo4j().uri, NEO4J_PASSWORD: 'wrong-password' });
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines, r.stderr).toHaveLength(1);
    expect(lines[0]).toMatch(/^RingLens could not start: Neo4j at .* refused user 'neo4j': the password is wrong/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('an unreachable NEO4J_URI exits non-zero with one clear sentence', async () => {
    const r = await runStart({ NEO4J_URI: 'bolt://127.0.0.1:1', NEO4J_PASSWORD: 'x' });
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe(
      'RingLens could not start: Cannot reach Neo4j at bolt://127.0.0.1:1 (is it running, and is NEO4J_URI right?).',
    );
  });

  it('a bad environment exits 2 listing every bad variable', async () => {
    const r = await runStart({ PORT: 'eighty', NEO4J_URI: 'http://x', NEO4J_PASSWORD: 'x' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('2 bad variable(s)');
    expect(r.stderr).toContain('PORT');
    expect(r.stderr).toContain('NEO4J_URI');
  });
});
