/**
 * The app's addresses, in the URL's hash so any static server serves them and a report, webhook or colleague's link
 * opens exactly that view:
 *   #/rings/<id>                    a ring (the nightly report and webhook link here)
 *   #/pairs/<id>                    a pair of accounts detection flagged together
 *   #/accounts/<id>                 one account and its neighbourhood
 *   #/identifiers/<kind>/<key>      one identifier (device, payment, ip, email, phone, address) and its accounts
 *   #/views/<id>                    a saved view of the canvas (kept with its case)
 *   #/                              the queue (the top ring opens)
 * Ids and keys are URI-encoded (keys hold `:`, `/`, `@`, spaces). Pure: parse and format are unit-tested.
 */
import { isIdentifierKind, type IdentifierKind } from '@contracts/vocabulary.ts';

export type Route =
  | { view: 'home' }
  | { view: 'ring'; id: string }
  | { view: 'pair'; id: string }
  | { view: 'account'; id: string }
  | { view: 'identifier'; kind: IdentifierKind; key: string }
  | { view: 'view'; id: string };

const HOME: Route = { view: 'home' };

function decode(part: string | undefined): string | null {
  if (part === undefined || part === '') return null;
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
}

/** The route of a location hash (`#/rings/ring-1`); anything unknown is home. */
export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '').replace(/^\//, '');
  const [head, ...rest] = path.split('/');
  if (head === 'identifiers') {
    const kind = rest[0] ?? '';
    const key = decode(rest.slice(1).join('/'));
    return isIdentifierKind(kind) && key !== null ? { view: 'identifier', kind, key } : HOME;
  }
  const id = rest.length === 1 ? decode(rest[0]) : null;
  if (id === null) return HOME;
  if (head === 'rings') return { view: 'ring', id };
  if (head === 'pairs') return { view: 'pair', id };
  if (head === 'accounts') return { view: 'account', id };
  if (head === 'views') return { view: 'view', id };
  return HOME;
}

/** The hash for a route (`#/rings/ring-1`). */
export function routeHash(route: Route): string {
  const e = encodeURIComponent;
  switch (route.view) {
    case 'home':
      return '#/';
    case 'ring':
      return `#/rings/${e(route.id)}`;
    case 'pair':
      return `#/pairs/${e(route.id)}`;
    case 'account':
      return `#/accounts/${e(route.id)}`;
    case 'identifier':
      return `#/identifiers/${route.kind}/${e(route.key)}`;
    case 'view':
      return `#/views/${e(route.id)}`;
  }
}

/** The route that shows a graph node (`account:acc-1` → #/accounts/acc-1), or null for an unknown id. */
export function nodeRoute(kind: string, key: string): Route | null {
  if (kind === 'account') return { view: 'account', id: key };
  if (isIdentifierKind(kind)) return { view: 'identifier', kind, key };
  return null;
}

export function sameRoute(a: Route, b: Route): boolean {
  return routeHash(a) === routeHash(b);
}
