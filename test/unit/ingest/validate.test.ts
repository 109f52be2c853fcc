import { describe, expect, it } from 'vitest';
import { FIELD_LIMITS, recordColumns, requiredColumns, schemaFor } from '../../../server/ingest/schemas.ts';
import { formatIssue, validateRecord } from '../../../server/ingest/validate.ts';

const ctx = { file: 'links.csv', line: 17 };

function failure(kind: 'accounts' | 'links' | 'payments', raw: Record<string, unknown>) {
  const result = validateRecord(kind, raw, ctx);
  if (result.ok) throw new Error(`expected ${JSON.stringify(raw)} to be rejected`);
  return result.error;
}

const link = {
  account_id: 'acc_1',
  kind: 'email',
  value: 'J.Doe+x@gmail.com',
  seen_at: '2026-01-02T10:00:00+02:00',
};
const payment = { payer: 'acc_1', payee: 'acc_2', amount: '12.50', currency: 'usd', at: '2026-01-02T10:00:00Z' };

describe('schemas', () => {
  it('treat CSV empty strings as absent and apply the label default', () => {
    const parsed = schemaFor('accounts').parse({ id: ' acc_1 ', created_at: '', type: '', country: 'us', label: '' });
    expect(parsed).toEqual({ id: 'acc_1', country: 'US', label: 'unknown' });
  });

  it('accept dates or date-times for created_at and write them as UTC ISO', () => {
    expect(schemaFor('accounts').parse({ id: 'a', created_at: '2026-01-31' }).created_at).toBe(
      '2026-01-31T00:00:00.000Z',
    );
    expect(schemaFor('accounts').parse({ id: 'a', created_at: '2026-01-31T12:00:00+01:00' }).created_at).toBe(
      '2026-01-31T11:00:00.000Z',
    );
  });

  it('coerce CSV amounts and upper-case currencies', () => {
    expect(schemaFor('payments').parse(payment)).toMatchObject({ amount: 12.5, currency: 'USD' });
  });

  it('describe their columns', () => {
    expect(recordColumns('payments')).toEqual(['payer', 'payee', 'amount', 'currency', 'at', 'id']);
    expect(requiredColumns('links')).toEqual(['account_id', 'kind', 'value', 'seen_at']);
    expect(requiredColumns('accounts')).toEqual(['id']);
  });
});

describe('validateRecord', () => {
  it('normalises links and carries the key', () => {
    const result = validateRecord('links', link, ctx);
    expect(result).toEqual({
      ok: true,
      record: {
        account_id: 'acc_1',
        kind: 'email',
        value: 'J.Doe+x@gmail.com',
        seen_at: '2026-01-02T08:00:00.000Z',
        key: 'jdoe@gmail.com',
        display: 'J.Doe+x@gmail.com',
      },
    });
  });

  it('keeps card attributes on payment links only', () => {
    const card = validateRecord(
      'links',
      { ...link, kind: 'payment', value: 'pm_9', bin: '411111', last4: '0042' },
      ctx,
    );
    expect(card.ok && card.record).toMatchObject({ key: 'pm_9', bin: '411111', last4: '0042' });
    const email = validateRecord('links', { ...link, bin: '411111' }, ctx);
    expect(email.ok && 'bin' in email.record).toBe(false);
  });

  it('names the missing field', () => {
    expect(failure('links', { ...link, seen_at: '' })).toEqual({ ...ctx, field: 'seen_at', reason: 'is required.' });
    expect(failure('accounts', { label: 'legit' }).field).toBe('id');
  });

  it('names the malformed field with a reason a user can act on', () => {
    expect(failure('links', { ...link, seen_at: '2026-01-02 10:00' })).toMatchObject({
      field: 'seen_at',
      reason: expect.stringMatching(/ISO 8601/),
    });
    expect(failure('links', { ...link, kind: 'fax' })).toMatchObject({
      field: 'kind',
      reason: expect.stringMatching(/one of/),
    });
    expect(failure('payments', { ...payment, amount: '12,50' })).toMatchObject({ field: 'amount' });
    expect(failure('payments', { ...payment, amount: '-3' })).toMatchObject({
      field: 'amount',
      reason: 'must be greater than 0.',
    });
    expect(failure('payments', { ...payment, currency: 'dollars' }).field).toBe('currency');
    expect(failure('payments', { ...payment, payee: 'acc_1' }).field).toBe('payee');
    expect(failure('accounts', { id: 'a', label: 'fraudster' }).field).toBe('label');
    expect(failure('accounts', { id: 'a', country: 'USA' }).field).toBe('country');
  });

  it('reports normalisation failures on the field they concern', () => {
    expect(failure('links', { ...link, kind: 'ip', value: '999.1.1.1' }).field).toBe('value');
    expect(failure('links', { ...link, kind: 'payment', value: 'pm_1', last4: '12' }).field).toBe('last4');
  });

  it('passes normalisation options through', () => {
    const phone = { ...link, kind: 'phone', value: '+1-555-6768' };
    expect(validateRecord('links', phone, ctx).ok).toBe(false);
    expect(validateRecord('links', phone, { ...ctx, normalize: { phoneValidation: 'parseable' } }).ok).toBe(true);
  });

  it('rejects a record that is not an object', () => {
    expect(failure('accounts', [1, 2] as unknown as Record<string, unknown>)).toEqual({
      ...ctx,
      field: undefined,
      reason: 'must be a record of named fields.',
    });
  });
});

describe('formatIssue', () => {
  it('bounds the length of every text field, naming file, line, field and the limit', () => {
    const long = (n: number) => 'x'.repeat(n);
    const cases: Array<['accounts' | 'links' | 'payments', Record<string, unknown>, string, number]> = [
      ['links', { ...link, kind: 'device', value: long(8200) }, 'value', FIELD_LIMITS.value],
      ['links', { ...link, kind: 'address', value: long(FIELD_LIMITS.value + 1) }, 'value', FIELD_LIMITS.value],
      ['links', { ...link, kind: 'payment', value: `tok_${long(5000)}` }, 'value', FIELD_LIMITS.value],
      ['links', { ...link, account_id: long(FIELD_LIMITS.id + 1) }, 'account_id', FIELD_LIMITS.id],
      ['links', { ...link, user_agent: long(9000) }, 'user_agent', FIELD_LIMITS.text],
      ['accounts', { id: long(300) }, 'id', FIELD_LIMITS.id],
      ['accounts', { id: 'a', type: long(FIELD_LIMITS.short + 1) }, 'type', FIELD_LIMITS.short],
      ['accounts', { id: 'a', status: long(9000) }, 'status', FIELD_LIMITS.short],
      ['payments', { ...payment, payer: long(9000) }, 'payer', FIELD_LIMITS.id],
      ['payments', { ...payment, id: long(9000) }, 'id', FIELD_LIMITS.id],
    ];
    for (const [kind, raw, field, limit] of cases) {
      const issue = failure(kind, raw);
      expect(issue.field, `${kind}.${field}`).toBe(field);
      expect(formatIssue(issue)).toMatch(
        new RegExp(
          `^links\\.csv:17: field '${field}': must be at most ${limit} characters \\(this one has \\d+\\)\\.$`,
        ),
      );
    }
    // Every limit keeps a value far below Neo4j's ~8 KB index key limit, even in 4-byte UTF-8.
    for (const limit of Object.values(FIELD_LIMITS)) expect(limit * 4).toBeLessThan(8000);
    // At the limit is fine.
    expect(validateRecord('links', { ...link, kind: 'device', value: long(FIELD_LIMITS.value) }, ctx).ok).toBe(true);
  });

  it('reads as file:line: field: reason', () => {
    const issue = failure('links', { ...link, kind: 'payment', value: '4111 1111 1111 1111' });
    expect(formatIssue(issue)).toMatch(/^links\.csv:17: field 'value': raw card numbers are never stored — /);
    expect(formatIssue({ file: 'a.ndjson', line: 3, reason: 'invalid JSON.' })).toBe('a.ndjson:3: invalid JSON.');
  });
});
