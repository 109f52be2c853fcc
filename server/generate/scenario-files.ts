// The four files a scenario generator writes (accounts.csv, links.csv, payments.csv in RingLens columns, and
// ground-truth.json), shared by the catalogue and shop generators: one place that knows the columns and the
// timestamp spelling, so both write exactly what the loader reads.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { recordColumns } from '../ingest/schemas.ts';
import { CsvWriter } from './csv-writer.ts';
import { prepareOutDir } from './dataset.ts';

export interface ScenarioFiles {
  accounts: string;
  links: string;
  payments: string;
  groundTruth: string;
}

/** What the catalogue and shop generators report after writing. */
export interface ScenarioSummary<Typology extends string = string> {
  outDir: string;
  accounts: number;
  links: number;
  payments: number;
  /** Planted groups per typology, accounts in them, benign look-alike groups per kind. */
  groups: Record<Typology, number>;
  fraudAccounts: number;
  confounders: Record<string, number>;
  files: ScenarioFiles;
}

/** The ground truth of the catalogue and shop generators (server/eval/truth.ts reads it); `Extra` per group. */
export interface ScenarioTruth<Generator extends string, Typology extends string, Extra = object> {
  generator: Generator;
  version: 1;
  seed: number;
  accounts: number;
  window: [string, string];
  groups: ({
    id: string;
    typology: Typology;
    kind: 'ring' | 'pair';
    members: string[];
    known_fraud: string[];
    variant: Record<string, string>;
  } & Extra)[];
  confounders: { id: string; kind: string; members: string[]; values: { kind: string; value: string }[] }[];
}

export interface ScenarioAccountRow {
  id: string;
  createdAt: number;
  type: string;
  country: string;
  status: string;
  label: string;
}

export interface ScenarioLinkRow {
  account: string;
  kind: string;
  value: string;
  at: number;
  card?: { bin: string; last4: string; issuer: string };
  userAgent?: string;
}

export interface ScenarioPaymentRow {
  payer: string;
  payee: string;
  amount: number;
  currency: string;
  at: number;
  id: string;
}

/** UTC to the second, without milliseconds: `2026-01-31T12:00:00Z`. */
export function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

type Row = Record<string, string | undefined>;

/** Opens the output folder (refusing one that holds other files) and streams rows into the three CSV files. */
export async function openScenarioFiles(outDir: string) {
  const files: ScenarioFiles = {
    accounts: join(outDir, 'accounts.csv'),
    links: join(outDir, 'links.csv'),
    payments: join(outDir, 'payments.csv'),
    groundTruth: join(outDir, 'ground-truth.json'),
  };
  await prepareOutDir(outDir, ['accounts.csv', 'links.csv', 'payments.csv', 'ground-truth.json']);
  const writers = {
    accounts: new CsvWriter<Row>(files.accounts, recordColumns('accounts')),
    links: new CsvWriter<Row>(files.links, recordColumns('links')),
    payments: new CsvWriter<Row>(files.payments, recordColumns('payments')),
  };
  return {
    files,
    account: (a: ScenarioAccountRow) =>
      writers.accounts.write({
        id: a.id,
        created_at: isoSeconds(a.createdAt),
        type: a.type,
        country: a.country,
        status: a.status,
        label: a.label,
      }),
    link: (l: ScenarioLinkRow) =>
      writers.links.write({
        account_id: l.account,
        kind: l.kind,
        value: l.value,
        seen_at: isoSeconds(l.at),
        bin: l.card?.bin,
        last4: l.card?.last4,
        issuer_country: l.card?.issuer,
        user_agent: l.userAgent,
      }),
    payment: (p: ScenarioPaymentRow) =>
      writers.payments.write({
        payer: p.payer,
        payee: p.payee,
        amount: p.amount.toFixed(2),
        currency: p.currency,
        at: isoSeconds(p.at),
        id: p.id,
      }),
    /** Hands buffered rows to the files when enough have piled up (call now and then on long loops). */
    flush: () => Promise.all([writers.accounts.flush(), writers.links.flush(), writers.payments.flush()]),
    /** Closes the CSV files, writes the ground truth and returns the rows written per file. */
    async finish(groundTruth: unknown) {
      await Promise.all([writers.accounts.close(), writers.links.close(), writers.payments.close()]);
      await writeFile(files.groundTruth, JSON.stringify(groundTruth, null, 1) + '\n');
      return { accounts: writers.accounts.rows, links: writers.links.rows, payments: writers.payments.rows };
    },
  };
}
