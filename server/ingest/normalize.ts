// Identifier normalisation: turns the many spellings of one real-world identifier into a single `key`, so that two
// accounts using `J.Doe+x@gmail.com` and `jdoe@gmail.com`, or `::ffff:192.0.2.1` and `192.0.2.1`, meet on the same
// graph node. A normaliser either returns a key or throws a NormalizeError whose message is a sentence a user can act
// on; it never guesses silently, because a wrong merge invents a fraud ring and a wrong split hides one.
import ipaddr from 'ipaddr.js';
import { isSupportedCountry, parsePhoneNumberWithError, type CountryCode } from 'libphonenumber-js';

export type IdentifierKind = 'device' | 'payment' | 'ip' | 'email' | 'phone' | 'address';

/** Payment-method attributes kept for display; they never take part in the key. */
export interface PaymentAttributes {
  bin?: string;
  last4?: string;
  issuer_country?: string;
}

export interface NormalizeOptions {
  /** Country used for phone numbers written without an international prefix. Default 'US'. */
  defaultCountry?: string;
  /**
   * 'possible' (default) rejects numbers whose length is impossible for their country (libphonenumber `isPossible`).
   * 'parseable' keeps any number libphonenumber can parse with at least 4 national digits: meant for exports full of
   * fictional short numbers such as `+1-555-6768`, which are still useful as shared identifiers.
   */
  phoneValidation?: 'possible' | 'parseable';
}

export interface NormalizedIdentifier {
  /** The merge key: equal keys mean "same identifier". */
  key: string;
  /** A human-friendly rendering for the UI when it differs from the key (e.g. the phone in international format). */
  display?: string;
  /** Payment-method display attributes (payment kind only). */
  attributes?: PaymentAttributes;
}

/** A value that cannot be normalised. `field` names the input column; `message` is a user-facing sentence. */
export class NormalizeError extends Error {
  override readonly name = 'NormalizeError';
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`field '${field}': ${reason}`);
  }
}

export function normalizeIdentifier(
  kind: IdentifierKind,
  value: string,
  attrs: PaymentAttributes = {},
  options: NormalizeOptions = {},
): NormalizedIdentifier {
  switch (kind) {
    case 'email':
      return normalizeEmail(value);
    case 'phone':
      return normalizePhone(value, options);
    case 'ip':
      return normalizeIp(value);
    case 'device':
      return normalizeDevice(value);
    case 'payment':
      return normalizePaymentMethod(value, attrs);
    case 'address':
      return normalizeAddress(value);
  }
}

// --- email -------------------------------------------------------------------------------------------------------

// Providers known to deliver `local+anything@domain` to `local@domain`. Deliberately short: stripping a tag on a
// provider that does not support sub-addressing would merge two different mailboxes. Not included on purpose:
// Yahoo (its disposable addresses are `nickname-keyword@`, where the nickname is not the mailbox name, so no rule maps
// them back) and country variants such as hotmail.co.uk or live.co.uk, whose behaviour we could not confirm.
const PLUS_TAG_DOMAINS = new Set([
  'gmail.com',
  'googlemail.com',
  'outlook.com',
  'hotmail.com',
  'live.com',
  'icloud.com',
  'fastmail.com',
  'protonmail.com',
  'proton.me',
]);
// Gmail ignores dots in the mailbox name and googlemail.com is the same service.
const DOTLESS_DOMAINS = new Set(['gmail.com', 'googlemail.com']);
const DOMAIN_ALIASES: Record<string, string> = { 'googlemail.com': 'gmail.com' };

// Pragmatic rather than RFC 5322: we match identifiers, we do not deliver mail, and exports contain real-world sloppy
// addresses (e.g. a comma in the local part). We refuse what cannot be an address at all.
const LOCAL_PART = /^[^\s@"<>()[\]\\]{1,64}$/;
const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

export function normalizeEmail(value: string): NormalizedIdentifier {
  const trimmed = value.trim();
  const lower = trimmed.toLowerCase();
  const at = lower.lastIndexOf('@');
  if (at <= 0 || at === lower.length - 1 || lower.indexOf('@') !== at) {
    throw new NormalizeError('value', `must be an email address like name@example.com, got '${trimmed}'.`);
  }
  let local = lower.slice(0, at);
  let domain = lower.slice(at + 1);
  if (!LOCAL_PART.test(local) || !DOMAIN.test(domain)) {
    throw new NormalizeError('value', `is not a valid email address: '${trimmed}'.`);
  }
  if (PLUS_TAG_DOMAINS.has(domain)) {
    const plus = local.indexOf('+');
    if (plus === 0) throw new NormalizeError('value', `has an empty mailbox name before '+': '${trimmed}'.`);
    if (plus > 0) local = local.slice(0, plus);
  }
  if (DOTLESS_DOMAINS.has(domain)) {
    local = local.replaceAll('.', '');
    if (local === '') throw new NormalizeError('value', `has an empty mailbox name: '${trimmed}'.`);
  }
  domain = DOMAIN_ALIASES[domain] ?? domain;
  const key = `${local}@${domain}`;
  return key === trimmed ? { key } : { key, display: trimmed };
}

// --- phone -------------------------------------------------------------------------------------------------------

// North American numbers (+1) with an area code 200–999, written in the usual ways: what libphonenumber gives for
// them is fixed — E.164 key `+1AAAEEELLLL`, display `+1 AAA EEE LLLL`, always a possible length — so they skip the
// parse (about 15 µs a number, the loader's costliest check). Without `+1` only when the default country is the US.
// test/unit/ingest/normalize-phone-fast.test.ts compares this with libphonenumber on every shape it accepts.
const NANP = /^(\+1[ -]?)?(?:\(([2-9]\d\d)\) ?|([2-9]\d\d)[ .-]?)(\d{3})[ .-]?(\d{4})$/;

/** The fixed answer for a common North American number, or undefined (then libphonenumber decides). */
export function nanpPhone(trimmed: string, defaultCountry: string): NormalizedIdentifier | undefined {
  const m = NANP.exec(trimmed);
  if (!m || (m[1] === undefined && defaultCountry !== 'US')) return undefined;
  const area = m[2] ?? m[3]!;
  return { key: `+1${area}${m[4]!}${m[5]!}`, display: `+1 ${area} ${m[4]!} ${m[5]!}` };
}

export function normalizePhone(value: string, options: NormalizeOptions = {}): NormalizedIdentifier {
  const trimmed = value.trim();
  const country = (options.defaultCountry ?? 'US').toUpperCase();
  const fast = nanpPhone(trimmed, country);
  if (fast) return fast;
  return parsePhone(trimmed, country, options);
}

/** libphonenumber's reading of a phone number (exported for the test that holds the fast path to it). */
export function parsePhone(trimmed: string, country: string, options: NormalizeOptions = {}): NormalizedIdentifier {
  const defaultCountry: CountryCode | undefined = isSupportedCountry(country) ? country : undefined;
  let parsed;
  try {
    parsed = parsePhoneNumberWithError(trimmed, defaultCountry ? { defaultCountry } : undefined);
  } catch (err) {
    const code = err instanceof Error ? err.message : String(err);
    throw new NormalizeError('value', `is not a phone number libphonenumber can read (${code}): '${trimmed}'.`);
  }
  if (options.phoneValidation === 'parseable') {
    if (parsed.nationalNumber.length < 4) {
      throw new NormalizeError('value', `has too few digits to be a phone number: '${trimmed}'.`);
    }
  } else if (!parsed.isPossible()) {
    throw new NormalizeError(
      'value',
      `has a length that is impossible for a +${parsed.countryCallingCode} phone number: '${trimmed}'.`,
    );
  }
  return { key: parsed.number, display: parsed.formatInternational() };
}

// --- ip ----------------------------------------------------------------------------------------------------------

const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const IPV4_DECIMAL = new RegExp(`^${OCTET}(?:\\.${OCTET}){3}$`);

export function normalizeIp(value: string): NormalizedIdentifier {
  const trimmed = value.trim();
  // Logs often bracket IPv6 (`[2001:db8::1]`); a zone index (`%eth0`) names a local interface, not the address.
  const bare = trimmed.replace(/^\[(.*)\]$/, '$1').replace(/%.*$/, '');
  // The common case first: four decimal octets 0–255 without leading zeros are their own key (what ipaddr's
  // isValidFourPartDecimal accepts and its toString writes back).
  if (IPV4_DECIMAL.test(bare)) return { key: bare };
  if (bare.includes(':')) {
    if (!ipaddr.IPv6.isValid(bare)) throw new NormalizeError('value', `is not a valid IPv6 address: '${trimmed}'.`);
    const v6 = ipaddr.IPv6.parse(bare);
    return { key: v6.isIPv4MappedAddress() ? v6.toIPv4Address().toString() : v6.toRFC5952String() };
  }
  // Only dotted-quad decimal: ipaddr also accepts `010.1.1.1` (octal) or `1.2.3`, forms that tools disagree on.
  if (!ipaddr.IPv4.isValidFourPartDecimal(bare)) {
    throw new NormalizeError(
      'value',
      `is not an IPv4 address in dotted-decimal form (four numbers 0–255, no leading zeros): '${trimmed}'.`,
    );
  }
  return { key: ipaddr.IPv4.parse(bare).toString() };
}

// --- device, address -----------------------------------------------------------------------------------------------

export function normalizeDevice(value: string): NormalizedIdentifier {
  const key = value.trim().toLowerCase();
  if (key === '') throw new NormalizeError('value', 'must be a non-empty device identifier.');
  return { key };
}

export function normalizeAddress(value: string): NormalizedIdentifier {
  const display = value.trim().replace(/\s+/g, ' ');
  if (display === '') throw new NormalizeError('value', 'must be a non-empty postal address.');
  const key = display.replace(/\s*,\s*/g, ', ').toLowerCase();
  return key === display ? { key } : { key, display };
}

// --- payment methods -----------------------------------------------------------------------------------------------

/** Luhn (mod 10) checksum over a string of digits; false for anything that is not all digits. */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/** True when `value`, ignoring spaces and dashes, is 13–19 digits that pass Luhn: a card number (PAN). */
export function looksLikePan(value: string): boolean {
  const digits = value.replace(/[\s-]/g, '');
  return /^\d{13,19}$/.test(digits) && luhnValid(digits);
}

// A PAN wrapped in other text (`card 4111 1111 1111 1111`, `tok_4111111111111111`) is still a PAN. A digit run that
// touches a letter is not: it is part of a word such as a hex fingerprint (`tok_a0a8867410529899`, `…63897df`), and
// about 1 % of 64-hex fingerprints hold a Luhn-valid run of 13+ digits. Separators (space, `_`, `:`, `-`, brackets)
// do not make a run part of a word, so the usual wrappings of a real card number are still refused.
const DIGIT_RUN = /\d(?:[ -]?\d)*/g;
const LETTER = /[A-Za-z]/;
/**
 * True when some run of digits in `value` (spaces and dashes allowed between them), not touching a letter, is a PAN.
 * `anyRun` also counts runs inside words: what a blunt data-loss scanner would flag (the generator avoids even those).
 */
export function containsPan(value: string, { anyRun = false }: { anyRun?: boolean } = {}): boolean {
  for (const match of value.matchAll(DIGIT_RUN)) {
    const before = value[match.index - 1] ?? '';
    const after = value[match.index + match[0].length] ?? '';
    if (!anyRun && (LETTER.test(before) || LETTER.test(after))) continue;
    if (looksLikePan(match[0])) return true;
  }
  return false;
}

/**
 * Payment methods are stored as the processor's token or fingerprint, never as a card number. The key keeps its case
 * because tokens are case-sensitive (Stripe `pm_1AbC…` and `pm_1abc…` are different cards). A 13–19 digit value that
 * fails Luhn is accepted: format-preserving tokens are designed to fail Luhn precisely so they cannot be mistaken for
 * a PAN.
 */
export function normalizePaymentMethod(value: string, attrs: PaymentAttributes = {}): NormalizedIdentifier {
  const key = value.trim();
  if (key === '') throw new NormalizeError('value', 'must be a non-empty payment token or fingerprint.');
  if (containsPan(key)) {
    throw new NormalizeError(
      'value',
      'raw card numbers are never stored — send the payment processor token or card fingerprint instead.',
    );
  }
  const attributes: PaymentAttributes = {};
  if (attrs.bin !== undefined && attrs.bin !== '') {
    if (!/^\d{6,8}$/.test(attrs.bin)) throw new NormalizeError('bin', 'must be the 6–8 digit card BIN.');
    attributes.bin = attrs.bin;
  }
  if (attrs.last4 !== undefined && attrs.last4 !== '') {
    if (!/^\d{4}$/.test(attrs.last4)) throw new NormalizeError('last4', 'must be exactly 4 digits.');
    attributes.last4 = attrs.last4;
  }
  if (attrs.issuer_country !== undefined && attrs.issuer_country !== '') {
    const country = attrs.issuer_country.toUpperCase();
    if (!/^[A-Z]{2}$/.test(country)) {
      throw new NormalizeError('issuer_country', 'must be a two-letter ISO 3166 country code such as US.');
    }
    attributes.issuer_country = country;
  }
  return Object.keys(attributes).length > 0 ? { key, attributes } : { key };
}
