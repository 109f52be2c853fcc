import { describe, expect, it } from 'vitest';
import {
  NormalizeError,
  containsPan,
  looksLikePan,
  luhnValid,
  normalizeIdentifier,
  type IdentifierKind,
} from '../../../server/ingest/normalize.ts';

const key = (kind: IdentifierKind, value: string, options = {}) => normalizeIdentifier(kind, value, {}, options).key;

function reasonOf(run: () => unknown): { field: string; reason: string } {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(NormalizeError);
    const { field, reason } = err as NormalizeError;
    return { field, reason };
  }
  throw new Error('expected a NormalizeError');
}

describe('email', () => {
  it('makes Gmail aliases meet: dots, +tags, case and googlemail.com', () => {
    const spellings = ['J.Doe+x@gmail.com', 'jdoe@gmail.com', ' JDOE@GMAIL.COM ', 'j.d.o.e+promo@googlemail.com'];
    expect(new Set(spellings.map((s) => key('email', s)))).toEqual(new Set(['jdoe@gmail.com']));
  });

  it('strips +tags on Outlook but keeps its dots, which are significant there', () => {
    expect(key('email', 'Jane.Roe+shop@outlook.com')).toBe('jane.roe@outlook.com');
    expect(key('email', 'janeroe@outlook.com')).not.toBe(key('email', 'jane.roe@outlook.com'));
  });

  it('leaves +tags and dots alone for providers not known to support sub-addressing', () => {
    expect(key('email', 'a.b+c@example.com')).toBe('a.b+c@example.com');
    expect(key('email', 'a.b-c@yahoo.com')).toBe('a.b-c@yahoo.com');
  });

  it('keeps the original spelling as display when it differs from the key', () => {
    expect(normalizeIdentifier('email', 'J.Doe@gmail.com')).toEqual({
      key: 'jdoe@gmail.com',
      display: 'J.Doe@gmail.com',
    });
  });

  it('rejects strings that are not addresses, naming the field', () => {
    for (const bad of [
      'jdoe',
      'jdoe@',
      '@gmail.com',
      'a@b@c.com',
      'j doe@gmail.com',
      'jdoe@localhost',
      '+x@gmail.com',
    ]) {
      expect(reasonOf(() => key('email', bad)).field).toBe('value');
    }
  });
});

describe('phone', () => {
  it('writes every spelling of one US number as the same E.164 key', () => {
    const spellings = ['(212) 555-0143', '+1 212 555 0143', '212.555.0143', '1-212-555-0143', '+12125550143'];
    expect(new Set(spellings.map((s) => key('phone', s)))).toEqual(new Set(['+12125550143']));
  });

  it('reads national numbers with the default country', () => {
    expect(key('phone', '07700 900123', { defaultCountry: 'GB' })).toBe('+447700900123');
    expect(key('phone', '+44 7700 900123')).toBe('+447700900123');
  });

  it('rejects text and impossible lengths by default', () => {
    expect(reasonOf(() => key('phone', 'call me')).reason).toMatch(/not a phone number/);
    expect(reasonOf(() => key('phone', '12')).reason).toMatch(/impossible/);
    expect(reasonOf(() => key('phone', '+1-555-6768')).reason).toMatch(/impossible/);
  });

  it("keeps fictional short numbers with phoneValidation 'parseable', still refusing near-empty ones", () => {
    expect(key('phone', '+1-555-6768', { phoneValidation: 'parseable' })).toBe('+15556768');
    expect(() => key('phone', '12', { phoneValidation: 'parseable' })).toThrow(NormalizeError);
  });
});

describe('ip', () => {
  it('makes IPv6 spellings meet on the compressed lower-case form', () => {
    const spellings = [
      '2001:DB8:0:0:0:0:0:1',
      '2001:db8::1',
      '2001:0db8:0000:0000:0000:0000:0000:0001',
      '[2001:db8::1]',
    ];
    expect(new Set(spellings.map((s) => key('ip', s)))).toEqual(new Set(['2001:db8::1']));
  });

  it('turns IPv4-mapped IPv6 into plain IPv4', () => {
    expect(key('ip', '::ffff:192.0.2.1')).toBe('192.0.2.1');
    expect(key('ip', '::FFFF:c000:0201')).toBe('192.0.2.1');
    expect(key('ip', ' 192.0.2.1 ')).toBe('192.0.2.1');
  });

  it('rejects invalid and ambiguous addresses', () => {
    for (const bad of ['256.1.1.1', '1.2.3', '010.1.1.1', '0x7f.0.0.1', 'example.com', '2001:db8:::1', '']) {
      expect(() => key('ip', bad)).toThrow(NormalizeError);
    }
  });
});

describe('device and address', () => {
  it('case-folds and trims devices, refusing empty ones', () => {
    expect(key('device', '  DEV_AbC123 ')).toBe('dev_abc123');
    expect(() => key('device', '   ')).toThrow(NormalizeError);
  });

  it('collapses whitespace and case in addresses', () => {
    expect(key('address', '12  MAPLE Street ,Springfield')).toBe(key('address', '12 Maple Street, Springfield'));
    expect(key('address', '12 Maple Street,\nSpringfield')).toBe('12 maple street, springfield');
  });
});

describe('payment methods and card numbers', () => {
  it('implements Luhn', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
    expect(luhnValid('79927398713')).toBe(true);
    expect(luhnValid('4111-1111')).toBe(false);
  });

  it('recognises PANs written with spaces or dashes', () => {
    expect(looksLikePan('4111 1111 1111 1111')).toBe(true);
    expect(looksLikePan('5555-5555-5555-4444')).toBe(true);
    expect(looksLikePan('378282246310005')).toBe(true);
    expect(looksLikePan('411111111111')).toBe(false); // 12 digits: too short for a PAN
    expect(looksLikePan('pm_4111111111111111')).toBe(false);
  });

  it('rejects a Luhn-valid 16-digit card number, saying raw card numbers are never stored', () => {
    const { field, reason } = reasonOf(() => normalizeIdentifier('payment', '4111111111111111'));
    expect(field).toBe('value');
    expect(reason).toMatch(/^raw card numbers are never stored/);
  });

  it('rejects a PAN wrapped in other text', () => {
    expect(() => normalizeIdentifier('payment', 'card 4111 1111 1111 1111')).toThrow(/never stored/);
    expect(() => normalizeIdentifier('payment', 'tok_5555555555554444')).toThrow(/never stored/);
  });

  it('accepts hex fingerprints whose digit runs touch letters: such a run is part of a word, not a PAN', () => {
    // Both hold a Luhn-valid run of 13+ digits (8867410529899, 40762867663897) bounded by a hex letter.
    for (const fp of ['tok_a0a8867410529899', 'tok_40762867663897df', 'fp_9f4111111111111111', '4111111111111111ab'])
      expect(normalizeIdentifier('payment', fp).key).toBe(fp);
    expect(containsPan('a0a8867410529899')).toBe(false);
    // Real PANs in the usual wrappings are still refused: separators are not letters.
    for (const pan of [
      '4111 1111 1111 1111',
      'tok_4111111111111111',
      'card:4111-1111-1111-1111',
      '(4111111111111111)',
      'x 4111111111111111 y',
    ])
      expect(() => normalizeIdentifier('payment', pan), pan).toThrow(/never stored/);
  });

  it('accepts a 16-digit number failing Luhn: format-preserving tokens fail Luhn on purpose', () => {
    expect(normalizeIdentifier('payment', '4111111111111112').key).toBe('4111111111111112');
  });

  it('accepts tokens, keeping their case, with display attributes', () => {
    expect(
      normalizeIdentifier('payment', ' pm_1AbCdEf ', { bin: '411111', last4: '0042', issuer_country: 'gb' }),
    ).toEqual({ key: 'pm_1AbCdEf', attributes: { bin: '411111', last4: '0042', issuer_country: 'GB' } });
    expect(key('payment', 'pm_1AbC')).not.toBe(key('payment', 'pm_1abc'));
  });

  it('checks attribute formats, naming the attribute', () => {
    expect(reasonOf(() => normalizeIdentifier('payment', 'pm_1', { bin: '41' })).field).toBe('bin');
    expect(reasonOf(() => normalizeIdentifier('payment', 'pm_1', { last4: '12345' })).field).toBe('last4');
    expect(reasonOf(() => normalizeIdentifier('payment', 'pm_1', { issuer_country: 'USA' })).field).toBe(
      'issuer_country',
    );
  });
});
