import { describe, expect, it } from 'vitest';
import { nodeRoute, parseRoute, routeHash, type Route } from '../../../client/src/lib/routes.ts';

describe('app routes', () => {
  it('round-trips every kind of address, keys with : / @ and spaces included', () => {
    const routes: Route[] = [
      { view: 'home' },
      { view: 'ring', id: 'ring-d8794f28f1a2' },
      { view: 'pair', id: 'pair-1a2b' },
      { view: 'account', id: 'acc 1/2' },
      { view: 'identifier', kind: 'ip', key: '2001:db8::7' },
      { view: 'identifier', kind: 'address', key: '12 example street, springfield/2' },
      { view: 'identifier', kind: 'email', key: 'jdoe@gmail.com' },
      { view: 'view', id: '0b6f9a51-3c3e-4c1e-9c55-1f0e2d3c4b5a' },
    ];
    for (const r of routes) expect(parseRoute(routeHash(r))).toEqual(r);
    expect(routeHash({ view: 'ring', id: 'ring-1' })).toBe('#/rings/ring-1');
    expect(routeHash({ view: 'view', id: 'v-1' })).toBe('#/views/v-1');
  });

  it('reads the links the nightly report and webhooks send', () => {
    expect(parseRoute('#/rings/ring-d8794f28f1a2')).toEqual({ view: 'ring', id: 'ring-d8794f28f1a2' });
  });

  it('treats unknown, empty or malformed addresses as home', () => {
    for (const h of [
      '',
      '#',
      '#/',
      '#/nope/1',
      '#/rings/',
      '#/rings/a/b',
      '#/identifiers/planet/x',
      '#/accounts/%E0%A4%A',
    ])
      expect(parseRoute(h)).toEqual({ view: 'home' });
  });

  it('maps graph nodes to their addresses', () => {
    expect(nodeRoute('account', 'a')).toEqual({ view: 'account', id: 'a' });
    expect(nodeRoute('device', 'fp')).toEqual({ view: 'identifier', kind: 'device', key: 'fp' });
    expect(nodeRoute('planet', 'x')).toBeNull();
  });
});
