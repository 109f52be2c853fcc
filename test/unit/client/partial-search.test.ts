import { describe, expect, it } from 'vitest';
import { inCidr, partialTerms } from '../../../server/investigate/search-terms.ts';

describe('partial search terms', () => {
  it('reads email parts and domains', () => {
    expect(partialTerms('@Example.ORG').emailPart).toBe('@example.org');
    expect(partialTerms('jd').emailPart).toBeNull();
  });

  it('reads IP prefixes and CIDR ranges', () => {
    expect(partialTerms('198.18.').ipPrefix).toBe('198.18.');
    const v4 = partialTerms('198.18.0.0/15');
    expect(v4.ipPrefix).toBe('198.');
    expect(inCidr('198.19.4.1', v4.cidr!)).toBe(true);
    expect(inCidr('198.20.0.1', v4.cidr!)).toBe(false);
    const v6 = partialTerms('2001:db8::/32');
    expect(v6.ipPrefix).toBe('2001:db8:');
    expect(inCidr('2001:db8:1::7', v6.cidr!)).toBe(true);
    expect(partialTerms('hello').ipPrefix).toBeNull();
  });

  it('reads a card’s last four, with or without its BIN', () => {
    expect(partialTerms('4242')).toMatchObject({ last4: '4242', bin: null });
    expect(partialTerms('424242 •••• 4242')).toMatchObject({ last4: '4242', bin: '424242' });
    expect(partialTerms('424242******4242')).toMatchObject({ last4: '4242', bin: '424242' });
    expect(partialTerms('42424')).toMatchObject({ last4: null, bin: null });
  });
});
