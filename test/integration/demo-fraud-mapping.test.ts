/**
 * Loads Neo4j's public fraud-demo export (shipped in test/fixtures/neo4j-demo-fraud, a dataset nobody here
 * wrote) through
 * examples/neo4j-demo-fraud.map.json, and checks the graph's node and relationship counts against counts taken
 * straight from the CSVs.
 */
import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../server/db/database.ts';
import { runCli } from '../support/cli.ts';
import { connectTestDb } from '../support/neo4j.ts';

const DATA = join(process.cwd(), 'test', 'fixtures', 'neo4j-demo-fraud');
const csv = (name: string): Array<Record<string, string>> =>
  parse(readFileSync(join(DATA, `export_transactions_${name}.csv`)), { columns: true, bom: true });

describe('the Neo4j fraud-demo export, loaded through a mapping file', () => {
  let db: Db;
  const customers = csv('Customer');
  const ids = customers.map((c) => c.customerID!);
  beforeAll(async () => {
    db = await connectTestDb();
    await db.write('test-delete-accounts.write', { ids });
  });
  afterAll(async () => {
    await db.write('test-delete-accounts.write', { ids });
    await db.close();
  });

  it('has the counts the CSVs say, and loading it again changes nothing', async () => {
    const args = ['--map', 'examples/neo4j-demo-fraud.map.json', '--data-dir', DATA];
    const first = await runCli('scripts/load.ts', args);
    expect(first.code, first.stderr).toBe(0);

    // Expected counts, from the CSVs alone.
    const owner = new Map(
      csv('Customer_HAS_ACCOUNT_Account').map((r) => [r.end_Account_accountID!, r.start_Customer_customerID!]),
    );
    const receivedBy = new Map(
      csv('Transaction_RECEIVED_Account').map((r) => [r.start_Transaction_transactionID!, r.end_Account_accountID!]),
    );
    const customerPayments = csv('Account_SENT_Transaction').filter((r) => {
      const to = receivedBy.get(r.end_Transaction_transactionID!);
      return owner.has(r.start_Account_accountID!) && to !== undefined && owner.has(to);
    });
    const pairs = new Set(
      customerPayments.map(
        (r) =>
          `${owner.get(r.start_Account_accountID!)}>${owner.get(receivedBy.get(r.end_Transaction_transactionID!)!)}`,
      ),
    );
    const emailRows = csv('Customer_USES_EMAIL_Email');
    const phoneRows = csv('Customer_USES_PHONE_PhoneNumber');
    const addressRows = csv('Customer_RESIDES_AT_Address');
    const accountRows = csv('Customer_HAS_ACCOUNT_Account');
    const distinct = (rows: Array<Record<string, string>>, col: string) => new Set(rows.map((r) => r[col])).size;

    const [got] = await db.read<{
      accounts: number;
      knownFraud: number;
      uses: Record<string, number>;
      identifiers: Record<string, number>;
      paidRelationships: number;
      payments: number;
    }>('test-demo-counts.read', { ids });
    expect(got!.accounts).toBe(customers.length);
    expect(got!.knownFraud).toBe(customers.filter((c) => c.fraudFlag === 'True').length);
    expect(got!.uses).toEqual({
      Email: emailRows.length,
      Phone: phoneRows.length,
      Address: addressRows.length,
      PaymentMethod: accountRows.length,
    });
    // Node ids of the export are distinct identifiers; normalisation may only merge spellings, never split them.
    expect(got!.identifiers.PaymentMethod).toBe(distinct(accountRows, 'end_Account_accountID'));
    expect(got!.identifiers.Email).toBeLessThanOrEqual(distinct(emailRows, 'end_Email_emailID'));
    expect(got!.identifiers.Phone).toBeLessThanOrEqual(distinct(phoneRows, 'end_PhoneNumber_phoneNumberID'));
    expect(got!.identifiers.Address).toBe(distinct(addressRows, 'end_Address_addressID'));
    expect(got!.paidRelationships).toBe(pairs.size);
    expect(got!.payments).toBe(customerPayments.length);

    const again = await runCli('scripts/load.ts', args);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/nodes created 0, relationships created 0/);
    const [after] = await db.read('test-demo-counts.read', { ids });
    expect(after).toEqual(got);
  });
});
