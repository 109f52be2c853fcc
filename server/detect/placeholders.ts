/**
 * Placeholder values: what people and forms type when they have nothing to type — `000-000-0000`, `test@test.com`,
 * `N/A`, `unknown`. Shared by strangers, they link nothing; the projection leaves them out and the run lists them
 * (reason `placeholder`), like crowds. Works on normalised keys (server/ingest/normalize.ts): emails lower-cased,
 * phones in E.164, addresses and devices trimmed and lower-cased. The built-in rules are deliberately narrow; a
 * deployment adds its own values through `DetectionSettings.placeholders`.
 */
import type { IdentifierKind } from './input.ts';

/** Words that stand for "no value" in any field. */
const EMPTY_WORDS = new Set([
  '',
  '-',
  '--',
  '.',
  '0',
  'n/a',
  'na',
  'n.a.',
  'none',
  'null',
  'nil',
  'unknown',
  'undefined',
  'not available',
  'not provided',
  'no address',
  'no phone',
  'no email',
  'test',
  'xxx',
  'tbd',
  'default',
]);

/** Mailbox names that are never a person's, at any domain. */
const EMPTY_MAILBOXES = new Set([
  'test',
  'testing',
  'none',
  'noemail',
  'no-email',
  'noreply',
  'no-reply',
  'donotreply',
  'na',
  'n/a',
  'null',
  'unknown',
  'email',
  'nobody',
  'anonymous',
  'asdf',
  'abc',
  'x',
  'xx',
  'xxx',
]);

/** Domains of made-up addresses (not the RFC 2606 example domains, which test data uses for real-looking people). */
const EMPTY_DOMAINS = new Set([
  'test.com',
  'none.com',
  'noemail.com',
  'unknown.com',
  'email.com',
  'na.com',
  'null.com',
]);

/** Whether a normalised phone is a filler: one repeated digit, or a counting run of seven (…1234567…, …9876543…). */
function placeholderPhone(key: string): boolean {
  const digits = key.replace(/\D/g, '');
  if (digits.length < 6) return true;
  const national = digits.slice(-7);
  if (/^(\d)\1+$/.test(national)) return true;
  // The last ten digits: a national number typed as a count (`123-456-7890`) reaches past the last seven.
  return ['1234567', '0123456', '2345678', '3456789', '9876543', '8765432', '7654321'].some((run) =>
    digits.slice(-10).includes(run),
  );
}

function placeholderEmail(key: string): boolean {
  const at = key.lastIndexOf('@');
  if (at < 0) return EMPTY_WORDS.has(key);
  const mailbox = key.slice(0, at);
  const domain = key.slice(at + 1);
  return EMPTY_MAILBOXES.has(mailbox) || EMPTY_DOMAINS.has(domain);
}

/** Builds the matcher for one run: the built-in rules plus `extra` (normalised keys per kind). */
export function placeholderMatcher(
  extra: Partial<Record<IdentifierKind, readonly string[]>> = {},
): (kind: IdentifierKind, key: string) => boolean {
  const listed = new Map<IdentifierKind, Set<string>>();
  for (const [kind, values] of Object.entries(extra) as Array<[IdentifierKind, readonly string[]]>) {
    listed.set(kind, new Set(values.map((v) => v.trim().toLowerCase())));
  }
  return (kind, key) => {
    const k = key.trim().toLowerCase();
    if (listed.get(kind)?.has(k)) return true;
    if (EMPTY_WORDS.has(k)) return true;
    switch (kind) {
      case 'phone':
        return placeholderPhone(k);
      case 'email':
        return placeholderEmail(k);
      case 'address':
        return /^[\s\W]*$/.test(k);
      case 'ip':
        return k === '0.0.0.0' || k === '::' || k === '127.0.0.1' || k === '::1';
      case 'device':
      case 'payment':
        return false;
    }
  };
}
