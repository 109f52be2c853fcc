import { describe, expect, it } from 'vitest';
import { searchTerms } from '../../../server/investigate/search-terms.ts';

describe('search normalisation', () => {
  it('normalises an aliased Gmail address to the canonical key, like ingest', () => {
    const t = searchTerms('  J.Doe+promo@GoogleMail.com ');
    expect(t.email).toBe('jdoe@gmail.com');
    expect(t.account).toBe('J.Doe+promo@GoogleMail.com');
    expect(t.device).toBe('j.doe+promo@googlemail.com');
    expect(t.ip).toBeNull();
    expect(t.phone).toBeNull();
  });

  it('reads IPs in any spelling and phones into E.164', () => {
    expect(searchTerms('::ffff:192.0.2.1').ip).toBe('192.0.2.1');
    expect(searchTerms('2001:DB8:0:0::1').ip).toBe('2001:db8::1');
    expect(searchTerms('(202) 555-0143').phone).toBe('+12025550143');
    expect(searchTerms('+44 20 7946 0958').phone).toBe('+442079460958');
  });

  it('keeps payment tokens case-sensitive and never searches for a card number', () => {
    expect(searchTerms('pm_7GQ2xL0').payment).toBe('pm_7GQ2xL0');
    const pan = searchTerms('4111 1111 1111 1111');
    expect(pan.payment).toBeNull();
  });

  it('collapses address whitespace and case', () => {
    expect(searchTerms('12  Example Street,Springfield').address).toBe('12 example street, springfield');
  });

  it('keeps account ids as typed (trimmed)', () => {
    expect(searchTerms(' acc-1001 ').account).toBe('acc-1001');
  });
});
