import { describe, expect, it } from 'vitest';
import { CursorError, decodeCursor, encodeCursor } from '../../../server/investigate/cursor.ts';

const query = { node: 'device:fp-1', kinds: ['account'], order: 'shared' };

describe('neighbour cursor', () => {
  it('round-trips the offset for the same query', () => {
    const c = encodeCursor({ ...query, offset: 50 });
    expect(decodeCursor(c, query)).toEqual({ ...query, offset: 50 });
  });

  it('is opaque and URL-safe', () => {
    const c = encodeCursor({ node: 'email:a+b/c@example.com', kinds: null, order: 'kind', offset: 1234 });
    expect(c).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(c).not.toContain('example');
  });

  it('refuses a cursor from another node, kinds filter or order', () => {
    const c = encodeCursor({ ...query, offset: 50 });
    const msg = 'belongs to another neighbour list (node, kinds or order changed); start again without it.';
    expect(() => decodeCursor(c, { ...query, node: 'device:fp-2' })).toThrow(msg);
    expect(() => decodeCursor(c, { ...query, kinds: null })).toThrow(msg);
    expect(() => decodeCursor(c, { ...query, order: 'kind' })).toThrow(msg);
  });

  it('refuses anything it did not make', () => {
    for (const bad of [
      '',
      'abc',
      Buffer.from('{"v":1}').toString('base64url'),
      encodeCursor({ ...query, offset: -1 }),
    ]) {
      expect(() => decodeCursor(bad, query)).toThrow(CursorError);
    }
    expect(() => decodeCursor('%%%', query)).toThrow('is not a cursor this API returned.');
  });
});
