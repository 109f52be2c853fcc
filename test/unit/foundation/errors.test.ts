import express from 'express';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { errorMiddleware, fromZodIssues, NotFoundError } from '../../../server/errors.ts';
import { addCypherDir, CYPHER_DIR, cypher, statements } from '../../../server/db/cypher.ts';

describe('error middleware', () => {
  it('maps typed errors to their status and hides unexpected ones behind a 500 without details', async () => {
    const app = express();
    app.get('/missing', () => {
      throw new NotFoundError('No ring r-1.');
    });
    app.get('/bad', () => {
      throw fromZodIssues('query', [{ path: ['minScore'], message: 'Expected number' }]);
    });
    app.get('/boom', () => {
      throw new Error('secret internals at db.ts:12');
    });
    app.use(errorMiddleware);
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const origError = console.error;
    console.error = () => {};
    try {
      const a = await fetch(`${base}/missing`);
      expect(a.status).toBe(404);
      expect((await a.json()).error.message).toBe('No ring r-1.');
      const b = await fetch(`${base}/bad`);
      expect(b.status).toBe(400);
      expect((await b.json()).error).toMatchObject({ code: 'validation_failed', details: [{ path: 'minScore' }] });
      const c = await fetch(`${base}/boom`);
      expect(c.status).toBe(500);
      expect(await c.text()).not.toContain('secret');
    } finally {
      console.error = origError;
      server.close();
    }
  });
});

describe('cypher/ loader', () => {
  it('loads queries by name and splits the schema into statements', () => {
    expect(cypher('server-components.read')).toContain('dbms.components');
    const schema = statements('schema');
    expect(schema.length).toBeGreaterThanOrEqual(7);
    expect(schema.every((s) => /IF NOT EXISTS/.test(s))).toBe(true);
    expect(() => cypher('no-such-query')).toThrow(/No query named/);
  });

  it('loads only production queries from cypher/; tests and benchmarks add their own folders', () => {
    const production = readdirSync(CYPHER_DIR);
    expect(production.filter((f) => /^(test|bench)-/.test(f))).toEqual([]);
    expect(() => cypher('bench-api-data.read')).toThrow(/No query named/);
    addCypherDir(join(CYPHER_DIR, '..', 'bench', 'cypher'));
    addCypherDir(join(CYPHER_DIR, '..', 'bench', 'cypher'));
    expect(cypher('bench-api-data.read')).toMatch(/RETURN/);
    // a folder may not redefine a query another folder has
    const dup = mkdtempSync(join(tmpdir(), 'ringlens-cypher-'));
    writeFileSync(join(dup, 'schema.cypher'), 'RETURN 1');
    expect(() => addCypherDir(dup)).toThrow(/already defined/);
    rmSync(dup, { recursive: true });
  });

  it('fills {{slots}} from code and refuses anything but an identifier with an optional direction', () => {
    const text = cypher({ name: 'rings-list.read', slots: { order: 'r.size ASC' } });
    expect(text).toContain('ORDER BY r.size ASC, r.size DESC, r.score DESC, r.id');
    expect(text).not.toContain('{{');
    expect(() => cypher({ name: 'rings-list.read', slots: {} })).toThrow(/needs a value for \{\{order\}\}/);
    for (const bad of ['r.score DESC LIMIT 1', 'r.score) DETACH DELETE r //', 'r.`x`', 'r.score desc', ''])
      expect(() => cypher({ name: 'rings-list.read', slots: { order: bad } })).toThrow(/is not allowed/);
  });
});
