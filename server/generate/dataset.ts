// Writes one synthetic dataset: accounts.csv, links.csv and payments.csv in RingLens columns, streamed account by
// account, and ground-truth.json (planted rings, households, crowds) for evaluating detection. The loader never reads
// ground-truth.json; it exists so benchmarks and tests can score what detection finds.
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { recordColumns } from '../ingest/schemas.ts';
import { CsvWriter } from './csv-writer.ts';
import { Marketplace, type AccountRow, type LinkRow, type PaymentRow } from './marketplace.ts';
import { planMarketplace, type Plan } from './plan.ts';
import { PATTERN_TYPOLOGY, type RingPattern } from './patterns.ts';
import type { CrowdKind } from './identifiers.ts';

export interface GenerateOptions {
  seed: number;
  accounts: number;
  outDir: string;
  /** Called every PROGRESS_EVERY accounts and once at the end with the number of accounts written. */
  onProgress?: (accountsWritten: number) => void;
}

export interface GroundTruth {
  seed: number;
  accounts: number;
  rings: {
    id: string;
    pattern: RingPattern;
    /** The pattern in the typology vocabulary shared with the catalogue generator (npm run eval groups by it). */
    typology: (typeof PATTERN_TYPOLOGY)[RingPattern];
    members: string[];
    known_fraud: string[];
    created_between: [string, string];
    bridge?: { member: string; background: string };
  }[];
  households: string[][];
  crowds: { kind: CrowdKind; value: string; members: number }[];
}

export interface GenerateSummary {
  outDir: string;
  accounts: number;
  links: number;
  payments: number;
  rings: Record<RingPattern, number>;
  ringMembers: number;
  households: number;
  crowds: number;
  files: { accounts: string; links: string; payments: string; groundTruth: string };
}

const PROGRESS_EVERY = 5_000;

export async function generateDataset(options: GenerateOptions): Promise<GenerateSummary> {
  const { seed, accounts, outDir } = options;
  const files = {
    accounts: join(outDir, 'accounts.csv'),
    links: join(outDir, 'links.csv'),
    payments: join(outDir, 'payments.csv'),
    groundTruth: join(outDir, 'ground-truth.json'),
  };
  await prepareOutDir(
    outDir,
    Object.values(files).map((file) => basename(file)),
  );
  const plan = planMarketplace(seed, accounts);
  const market = new Marketplace(plan);
  const writers = {
    accounts: new CsvWriter<AccountRow>(files.accounts, recordColumns('accounts') as (keyof AccountRow)[]),
    links: new CsvWriter<LinkRow>(files.links, recordColumns('links') as (keyof LinkRow)[]),
    payments: new CsvWriter<PaymentRow>(files.payments, recordColumns('payments') as (keyof PaymentRow)[]),
  };
  const sink = {
    account: (row: AccountRow) => writers.accounts.write(row),
    link: (row: LinkRow) => writers.links.write(row),
    payment: (row: PaymentRow) => writers.payments.write(row),
  };

  for (let index = 0; index < accounts; index++) {
    market.emit(index, sink);
    if ((index + 1) % 256 === 0) {
      await Promise.all([writers.accounts.flush(), writers.links.flush(), writers.payments.flush()]);
    }
    if ((index + 1) % PROGRESS_EVERY === 0) options.onProgress?.(index + 1);
  }
  await Promise.all([writers.accounts.close(), writers.links.close(), writers.payments.close()]);
  options.onProgress?.(accounts);

  await writeFile(files.groundTruth, JSON.stringify(groundTruth(plan, market), null, 1) + '\n');

  const rings = { device_farm: 0, card_sharing: 0, ip_rotation: 0, identity_reuse: 0, collusion: 0 };
  for (const ring of plan.rings) rings[ring.pattern]++;
  return {
    outDir,
    accounts: writers.accounts.rows,
    links: writers.links.rows,
    payments: writers.payments.rows,
    rings,
    ringMembers: plan.rings.reduce((sum, ring) => sum + ring.members.length, 0),
    households: plan.households.length,
    crowds: plan.crowds.length,
    files,
  };
}

/** Thrown before anything is written when the output folder holds files the generator did not make. */
export class OutputDirError extends Error {
  override readonly name = 'OutputDirError';
}

// Regenerating over an earlier dataset is fine; writing into a folder of other files (someone's real export) is not.
export async function prepareOutDir(outDir: string, ownFiles: string[]): Promise<void> {
  await mkdir(outDir, { recursive: true });
  const foreign = (await readdir(outDir)).filter((name) => !ownFiles.includes(name));
  if (foreign.length > 0) {
    const shown = foreign.slice(0, 3).join(', ') + (foreign.length > 3 ? ', …' : '');
    throw new OutputDirError(
      `${outDir} already holds other files (${shown}); choose an empty or new folder with --out.`,
    );
  }
}

function groundTruth(plan: Plan, market: Marketplace): GroundTruth {
  const id = (index: number) => market.accountId(index);
  return {
    seed: plan.seed,
    accounts: plan.accounts,
    rings: plan.rings.map((ring) => ({
      id: ring.id,
      pattern: ring.pattern,
      typology: PATTERN_TYPOLOGY[ring.pattern],
      members: ring.members.map(id),
      known_fraud: ring.members.filter((member) => ring.labelled.has(member)).map(id),
      created_between: [
        new Date(ring.windowStart).toISOString(),
        new Date(ring.windowStart + ring.windowMs).toISOString(),
      ],
      ...(ring.bridge ? { bridge: { member: id(ring.bridge.member), background: id(ring.bridge.background) } } : {}),
    })),
    households: plan.households.map((household) => household.members.map(id)),
    crowds: plan.crowds.map((crowd) => ({ kind: crowd.kind, value: crowd.ip, members: crowd.members })),
  };
}
