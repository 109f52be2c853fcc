/**
 * What a search query means for each kind of node: the account id as typed, and for every identifier kind the query
 * normalised exactly as ingest normalises that kind (server/ingest/normalize.ts), so `J.Doe+promo@googlemail.com`
 * finds the canonical `jdoe@gmail.com` node. A kind whose normaliser refuses the query is not searched.
 */
import ipaddr from 'ipaddr.js';
import { normalizeIdentifier } from '../ingest/normalize.ts';
import { IDENTIFIER_KINDS, type IdentifierKind } from '../../contracts/vocabulary.ts';

export type SearchTerms = { account: string } & Record<IdentifierKind, string | null>;

export function searchTerms(q: string): SearchTerms {
  const trimmed = q.trim();
  const terms = { account: trimmed } as SearchTerms;
  for (const kind of IDENTIFIER_KINDS) {
    try {
      // Phones written without a country code are read as US numbers, the loader's default.
      terms[kind] = normalizeIdentifier(kind, trimmed).key;
    } catch {
      terms[kind] = null;
    }
  }
  return terms;
}

/** What a query means for the partial search (cypher/investigate-search-partial.read.cypher); null skips a branch. */
export interface PartialTerms {
  /** Lower-cased text found inside email addresses (a name part, `@domain`); at least 3 characters. */
  emailPart: string | null;
  /** Leading characters of IP addresses: a partial address, or a CIDR range's whole leading octets. */
  ipPrefix: string | null;
  /** A CIDR range to filter the prefix's candidates by (`198.18.0.0/15`). */
  cidr: [ipaddr.IPv4 | ipaddr.IPv6, number] | null;
  last4: string | null;
  bin: string | null;
}

/**
 * `@example.org` or `doe` → emails containing it; `198.18.` or `2001:db8:` → IPs starting with it; `198.18.0.0/15` →
 * IPs in the range; `4242` → cards ending 4242; `424242…4242`, `424242 4242`, `424242******4242` → that BIN and end.
 */
export function partialTerms(q: string): PartialTerms {
  const t = q.trim();
  const lower = t.toLowerCase();
  const out: PartialTerms = { emailPart: null, ipPrefix: null, cidr: null, last4: null, bin: null };
  if (lower.length >= 3 && /^[^\s]+$/.test(lower) && /[a-z@]/.test(lower)) out.emailPart = lower;
  if (/^\d{4}$/.test(t)) out.last4 = t;
  const card = /^(\d{6})[\s*•.…x-]*(\d{4})$/i.exec(t);
  if (card && t.length > 10) {
    out.bin = card[1]!;
    out.last4 = card[2]!;
  }
  if (t.includes('/')) {
    try {
      const [addr, bits] = ipaddr.parseCIDR(t);
      out.cidr = [addr, bits];
      if (addr.kind() === 'ipv4') {
        const octets = Math.floor(bits / 8);
        out.ipPrefix =
          octets === 0 ? '' : `${(addr as ipaddr.IPv4).octets.slice(0, octets).join('.')}${octets < 4 ? '.' : ''}`;
      } else {
        const groups = Math.floor(bits / 16);
        const parts = (addr as ipaddr.IPv6)
          .toNormalizedString()
          .split(':')
          .map((g) => g.replace(/^0+(?=.)/, ''));
        out.ipPrefix = groups === 0 ? '' : `${parts.slice(0, groups).join(':')}:`;
      }
    } catch {
      // Not a CIDR range.
    }
  } else if (/^\d{1,3}(\.\d{0,3}){1,3}$/.test(t) || /^[0-9a-f]{1,4}(:[0-9a-f]{0,4}){1,7}$/i.test(t)) {
    out.ipPrefix = lower;
  }
  return out;
}

/** Whether an IP key lies inside the range. */
export function inCidr(key: string, cidr: [ipaddr.IPv4 | ipaddr.IPv6, number]): boolean {
  try {
    const ip = ipaddr.parse(key);
    return ip.kind() === cidr[0].kind() && ip.match(cidr);
  } catch {
    return false;
  }
}
