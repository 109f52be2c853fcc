import { describe, expect, it } from 'vitest';
import { policyFor, ROUTE_POLICY } from '../../../contracts/route-policy.ts';
import { hasRole, ROLES } from '../../../contracts/roles.ts';

describe('route policy', () => {
  it('finds a route’s policy by method and path, with parameters, HEAD as GET', () => {
    expect(policyFor('GET', '/rings')?.access).toBe('viewer');
    expect(policyFor('HEAD', '/rings/ring-abc')?.access).toBe('viewer');
    expect(policyFor('POST', '/rings/ring-abc/export')?.access).toBe('investigator');
    expect(policyFor('POST', '/rings/ring-abc/notes')?.access).toBe('analyst');
    expect(policyFor('GET', '/nodes/account/a%2Fb/neighbors')?.path).toBe('/nodes/:kind/:id/neighbors');
    expect(policyFor('POST', '/ingest')?.access).toBe('admin');
    expect(policyFor('DELETE', '/rings')).toBeUndefined();
    expect(policyFor('GET', '/rings/a/b/c/d')).toBeUndefined();
  });

  it('matches at least as loosely as Express (case, one trailing slash), never an empty parameter', () => {
    expect(policyFor('POST', '/INGEST')?.access).toBe('admin');
    expect(policyFor('GET', '/rings/')?.path).toBe('/rings');
    expect(policyFor('GET', '/rings//annotations')).toBeUndefined();
  });

  it('has one entry per method and path, and only two public routes', () => {
    const keys = ROUTE_POLICY.map((p) => `${p.method} ${p.path}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(ROUTE_POLICY.filter((p) => p.access === 'public').length).toBe(2);
  });

  it('orders the roles: each has what the ones below it have', () => {
    expect(ROLES).toEqual(['viewer', 'analyst', 'investigator', 'admin']);
    expect(hasRole('admin', 'viewer')).toBe(true);
    expect(hasRole('investigator', 'analyst')).toBe(true);
    expect(hasRole('analyst', 'investigator')).toBe(false);
    expect(hasRole('viewer', 'analyst')).toBe(false);
  });
});
