/**
 * The same input gives the same rings whatever order it comes in. A database streams identifier groups and payments in
 * storage order, which depends on how the data were loaded (batched or bulk, in which order, over how many nights);
 * incremental detection (server/runs/input-cache.ts) hands the pipeline its cache in yet another order and must give
 * exactly the rings of a full read. Checked on a generated wallet, where the order of payments once changed rings.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectRings, type DetectRingsResult } from '../../../server/detect/pipeline.ts';
import { mulberry32 } from '../../../server/detect/rng.ts';
import { readOfflineInput, type OfflineInput } from '../../../server/eval/offline-input.ts';
import { generateWallet } from '../../../server/scenarios-wallet/wallet.ts';

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const random = mulberry32(seed);
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

const rings = (result: DetectRingsResult) =>
  result.rings.map((r) => `${r.id} ${r.members.join(',')} ${r.score} ${r.flagged} ${r.reasons.join(' | ')}`).sort();

describe('detection does not depend on the order of its input', () => {
  let dir: string;
  let input: OfflineInput;
  let reference: string[];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ringlens-order-'));
    input = await readOfflineInput((await generateWallet({ seed: 2, accounts: 20_000, outDir: dir })).files);
    reference = rings(await detectRings({ ...input }));
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('finds rings to compare', () => {
    expect(reference.length).toBeGreaterThan(100);
  });

  it('payments in another order (shuffled, reversed) give the same rings, scores and reasons', async () => {
    expect(rings(await detectRings({ ...input, payments: shuffled(input.payments, 9) }))).toEqual(reference);
    expect(rings(await detectRings({ ...input, payments: input.payments.slice().reverse() }))).toEqual(reference);
  }, 120_000);

  it('identifier groups, and the accounts in each, in another order give the same rings', async () => {
    const groups = shuffled(input.groups, 7).map((g, i) => ({ ...g, accounts: shuffled(g.accounts, i) }));
    expect(rings(await detectRings({ ...input, groups }))).toEqual(reference);
  }, 120_000);
});
