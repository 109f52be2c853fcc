import { describe, expect, it } from 'vitest';
import { generatePassword, hashPassword, verifyPassword } from '../../../server/auth/scrypt.ts';
import { newApiToken, newSessionId, parseApiToken, safeEqual, sha256 } from '../../../server/auth/tokens.ts';

const CHEAP = { N: 2 ** 10, r: 8, p: 1 };

describe('password hashing (scrypt)', () => {
  it('stores parameters and salt with the hash, and verifies', async () => {
    const stored = await hashPassword('correct horse battery staple', CHEAP);
    expect(stored).toMatch(/^scrypt\$1024\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(await verifyPassword('correct horse battery staple', stored)).toBe(true);
    expect(await verifyPassword('correct horse battery stapl', stored)).toBe(false);
    // A new salt every time.
    expect(await hashPassword('same', CHEAP)).not.toBe(await hashPassword('same', CHEAP));
  });

  it('uses the OWASP-grade cost by default and treats unicode forms alike', async () => {
    const stored = await hashPassword('pässwörd-long-enough');
    expect(stored.startsWith('scrypt$32768$8$3$')).toBe(true);
    expect(await verifyPassword('pa\u0308sswo\u0308rd-long-enough', stored)).toBe(true);
  });

  it('never matches a malformed or tampered hash', async () => {
    expect(await verifyPassword('x', 'plain-text')).toBe(false);
    expect(await verifyPassword('x', 'scrypt$1073741824$8$1$AAAA$AAAA')).toBe(false);
  });

  it('generates 24-character URL-safe passwords', () => {
    expect(generatePassword()).toMatch(/^[A-Za-z0-9_-]{24}$/);
  });
});

describe('API tokens and session ids', () => {
  it('issues rlt_<id>_<secret> tokens, stores only the SHA-256 of the secret, parses strictly', () => {
    const t = newApiToken();
    const parsed = parseApiToken(t.token)!;
    expect(parsed.id).toMatch(/^[0-9a-f]{12}$/);
    expect(sha256(parsed.secret)).toBe(t.secretHash);
    expect(t.secretHash).not.toContain(parsed.secret);
    for (const bad of ['', 'rlt_x_y', `${t.token} `, t.token.replace('rlt_', 'rlx_'), `${t.token}a`])
      expect(parseApiToken(bad)).toBeUndefined();
  });

  it('makes 256-bit session ids stored under their hash, and compares in constant time', () => {
    const a = newSessionId();
    expect(a.id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a.key).toBe(sha256(a.id));
    expect(newSessionId().id).not.toBe(a.id);
    expect(safeEqual('abc', 'abc')).toBe(true);
    expect(safeEqual('abc', 'abd')).toBe(false);
    expect(safeEqual('abc', 'abcd')).toBe(false);
  });
});
