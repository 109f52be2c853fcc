import { describe, expect, it } from 'vitest';
import { LoadValidationError, loadSources } from '../../server/ingest/loader.ts';
import { fileSource } from '../../server/ingest/sources.ts';
import { bulkDataset, tempDir, writeLines } from '../support/ingest-data.ts';
import { usePrefixedTestDb } from '../support/neo4j.ts';

type Fingerprint = Array<{
  id: string;
  label: string;
  uses: Array<{ kind: string; key: string; count: number }>;
  paid: unknown[];
}>;

describe('ingest into the real Neo4j', () => {
  const t = usePrefixedTestDb();
  const prefix = t.prefix;
  const fingerprint = (p: string) => t.db.read<Fingerprint[number]>('test-graph-fingerprint.read', { prefix: p });

  it('reports progress per file and across files, validation first, then writing', async () => {
    const p = prefix('progress');
    const dir = tempDir();
    const accounts = writeLines(dir, 'accounts.csv', [
      'id,created_at,type,country,status,label',
      `${p}a,2026-01-05,client,US,active,legit`,
      `${p}b,2026-01-06,client,US,active,legit`,
    ]);
    const links = writeLines(dir, 'links.csv', [
      'account_id,kind,value,seen_at',
      `${p}a,device,${p}d1,2026-02-01T00:00:00Z`,
      `${p}b,device,${p}d1,2026-02-02T00:00:00Z`,
      `${p}b,ip,203.0.113.9,2026-02-02T00:00:00Z`,
    ]);
    const events: Array<[string, string, number, number]> = [];
    await loadSources(t.db, [await fileSource(accounts), await fileSource(links)], {
      onProgress: (e) => events.push([e.phase, e.source.split('/').pop()!, e.rows, e.allRows]),
    });
    // A bar fed allRows moves forward only: it does not start again at the second file.
    expect(events).toEqual([
      ['validate', 'accounts.csv', 2, 2],
      ['validate', 'links.csv', 3, 5],
      ['write', 'accounts.csv', 2, 2],
      ['write', 'links.csv', 3, 5],
    ]);
  });

  it('loads each record kind (CSV and NDJSON) with the documented properties', async () => {
    const p = prefix('kinds');
    const dir = tempDir();
    const accounts = writeLines(dir, 'accounts.csv', [
      'id,created_at,type,country,status,label',
      `${p}a,2026-01-05,client,US,active,known_fraud`,
      `${p}b,2026-01-06T10:00:00Z,freelancer,GB,active,legit`,
    ]);
    const links = writeLines(dir, 'links.ndjson', [
      JSON.stringify({ account_id: `${p}a`, kind: 'device', value: ` ${p}Dev-1 `, seen_at: '2026-02-01T00:00:00Z' }),
      JSON.stringify({ account_id: `${p}a`, kind: 'device', value: `${p}DEV-1`, seen_at: '2026-02-03T00:00:00Z' }),
      JSON.stringify({
        account_id: `${p}b`,
        kind: 'payment',
        value: `${p}pm_tok_1`,
        seen_at: '2026-02-02T00:00:00Z',
        bin: '424242',
        last4: '4242',
      }),
      JSON.stringify({
        account_id: `${p}b`,
        kind: 'phone',
        value: '+44 20 7946 0958',
        seen_at: '2026-02-02T00:00:00Z',
      }),
    ]);
    const payments = writeLines(dir, 'payments.csv', [
      'payer,payee,amount,currency,at',
      `${p}a,${p}b,10.50,usd,2026-02-04T00:00:00Z`,
      `${p}a,${p}b,4.50,USD,2026-02-05T00:00:00Z`,
    ]);
    const summary = await loadSources(t.db, [
      await fileSource(accounts),
      await fileSource(links),
      await fileSource(payments),
    ]);
    expect(summary.byKind).toEqual({ accounts: 2, links: 4, payments: 2 });
    expect(summary.rowsRejected).toBe(0);

    const fp = await fingerprint(p);
    expect(fp.map((a) => [a.id, a.label])).toEqual([
      ['a', 'known_fraud'],
      ['b', 'legit'],
    ]);
    const a = fp[0]!;
    // Device fingerprints are trimmed and case-folded: both spellings are one device seen twice.
    expect(a.uses).toEqual([
      expect.objectContaining({
        kind: 'Device',
        key: 'dev-1',
        count: 2,
        firstSeen: '2026-02-01T00:00:00Z',
        lastSeen: '2026-02-03T00:00:00Z',
      }),
    ]);
    expect(a.paid).toEqual([expect.objectContaining({ to: 'b', currency: 'USD', count: 2, total: 15 })]);
    const b = fp[1]!;
    expect(b.uses.map((u) => [u.kind, u.key])).toEqual([
      ['PaymentMethod', 'pm_tok_1'],
      ['Phone', '+442079460958'],
    ]);
  });

  it('normalisation makes aliased emails, reformatted phones and IPv6 spellings meet on one node', async () => {
    const p = prefix('alias');
    const dir = tempDir();
    // A per-test tag keeps the mailbox unique; the two spellings differ only by case, dots, +tag and googlemail.
    const tag = p.replaceAll('-', '');
    const links = writeLines(dir, 'links.csv', [
      'account_id,kind,value,seen_at',
      `${p}x,email,J.Doe.${tag.toUpperCase()}+promo@gmail.com,2026-03-01T00:00:00Z`,
      `${p}y,email,jdoe${tag}@googlemail.com,2026-03-01T00:00:00Z`,
      `${p}x,phone,(415) 555-2671,2026-03-01T00:00:00Z`,
      `${p}y,phone,+1 415 555 2671,2026-03-01T00:00:00Z`,
      `${p}x,ip,2001:DB8:0:0:0:0:0:ABCD,2026-03-01T00:00:00Z`,
      `${p}y,ip,2001:db8::abcd,2026-03-01T00:00:00Z`,
    ]);
    await loadSources(t.db, [await fileSource(links)]);
    const phone = await t.db.read<{ account: string }>('test-identifier-sharers.read', {
      key: '+14155552671',
      prefix: p,
    });
    expect(phone.map((r) => r.account)).toEqual([`${p}x`, `${p}y`]);
    const ip = await t.db.read<{ account: string }>('test-identifier-sharers.read', {
      key: '2001:db8::abcd',
      prefix: p,
    });
    expect(ip.map((r) => r.account)).toEqual([`${p}x`, `${p}y`]);
    const fp = await fingerprint(p);
    const emailKeys = fp.map((a) => a.uses.find((u) => u.kind === 'Email')?.key);
    expect(emailKeys).toEqual([`jdoe${tag}@gmail.com`, `jdoe${tag}@gmail.com`]);
  });

  it('rejects a raw card number, names file, line and field, and writes nothing', async () => {
    const p = prefix('pan');
    const dir = tempDir();
    const links = writeLines(dir, 'links.csv', [
      'account_id,kind,value,seen_at',
      `${p}a,device,${p}d1,2026-03-01T00:00:00Z`,
      `${p}a,payment,4111 1111 1111 1111,2026-03-01T00:00:00Z`,
    ]);
    const err = await loadSources(t.db, [await fileSource(links)]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LoadValidationError);
    const v = err as LoadValidationError;
    expect(v.total).toBe(1);
    expect(v.issues[0]).toMatchObject({ file: 'links.csv', line: 3, field: 'value' });
    expect(v.message).toMatch(/links\.csv:3: field 'value': .*card number/i);
    expect(await fingerprint(p)).toEqual([]);
  });

  it('a file with one bad row writes nothing and reports the line; skipInvalid writes the rest', async () => {
    const p = prefix('bad');
    const dir = tempDir();
    const accounts = writeLines(dir, 'accounts.csv', [
      'id,created_at,label',
      `${p}ok1,2026-01-01,legit`,
      `${p}bad,not-a-date,legit`,
      `${p}ok2,2026-01-02,unknown`,
    ]);
    const err = await loadSources(t.db, [await fileSource(accounts)]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LoadValidationError);
    expect((err as LoadValidationError).issues[0]).toMatchObject({
      file: 'accounts.csv',
      line: 3,
      field: 'created_at',
    });
    expect(await fingerprint(p)).toEqual([]);

    const rejected: Array<{ line: number; field?: string }> = [];
    const summary = await loadSources(t.db, [await fileSource(accounts)], {
      skipInvalid: true,
      onReject: (i) => rejected.push(i),
    });
    expect(summary.rowsWritten).toBe(2);
    expect(rejected).toEqual([expect.objectContaining({ line: 3, field: 'created_at' })]);
    expect((await fingerprint(p)).map((a) => a.id)).toEqual(['ok1', 'ok2']);
  });

  it('loading the same files twice leaves exactly the same graph', async () => {
    const p = prefix('twice');
    const data = bulkDataset(tempDir(), p, 300);
    const sources = async () => [
      await fileSource(data.accounts),
      await fileSource(data.links),
      await fileSource(data.payments),
    ];
    const first = await loadSources(t.db, await sources(), { batchSize: 250 });
    expect(first.stats.nodesCreated).toBeGreaterThan(600);
    const before = await fingerprint(p);
    const second = await loadSources(t.db, await sources(), { batchSize: 100 });
    expect(second.stats.nodesCreated).toBe(0);
    expect(second.stats.relationshipsCreated).toBe(0);
    const after = await fingerprint(p);
    expect(after).toEqual(before);
    // Each device was seen three times in the file: three, not six, after two loads.
    expect(after[0]!.uses.find((u) => u.kind === 'Device')!.count).toBe(3);
  });
});
