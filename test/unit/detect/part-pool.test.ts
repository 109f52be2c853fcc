import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { splitOversizeParts } from '../../../server/detect/part-split.ts';
import { partitionAccounts } from '../../../server/detect/partition.ts';
import { detectRings, type DetectRingsResult } from '../../../server/detect/pipeline.ts';
import { ProjectionBuilder } from '../../../server/detect/projection.ts';
import { resolveSettings, type DetectionSettingsInput } from '../../../server/detect/settings.ts';
import { readOfflineInput, type OfflineInput } from '../../../server/eval/offline-input.ts';
import { generateDataset } from '../../../server/generate/dataset.ts';

/** What a run reports, ring by ring: ids, members, scores, reasons, status. */
function ringsOf(result: DetectRingsResult): unknown[] {
  return result.rings.map((r) => ({
    id: r.id,
    members: r.members,
    score: r.score,
    flagged: r.flagged,
    reasons: r.reasons,
    status: r.status,
  }));
}

describe('per-part analysis in worker threads (part-pool.ts)', () => {
  let dir: string;
  let input: OfflineInput;
  // Parts of more than 5 accounts go through Louvain, so the workers run the whole of stage 2, not only the
  // keep-whole path.
  const settings: DetectionSettingsInput = { wholePartMaxSize: 5 };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ringlens-pool-'));
    const generated = await generateDataset({ seed: 5, accounts: 4000, outDir: dir });
    input = await readOfflineInput(generated.files);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('gives the findings of one worker with two, and says how many ran', async () => {
    const one = await detectRings({ ...input, settings });
    const two = await detectRings({ ...input, settings, workers: 2 });
    expect(one.counts.partition.workers).toBe(1);
    expect(two.counts.partition.workers).toBe(2);
    expect(one.counts.components.louvainComponents).toBeGreaterThan(0);
    expect(one.rings.length).toBeGreaterThan(10);
    expect(ringsOf(two)).toEqual(ringsOf(one));
    expect(two.counts.components).toEqual(one.counts.components);
    expect(two.components).toEqual(one.components);
    expect(two.modularity).toBe(one.modularity);
  });

  it('cuts parts over maxPartAccounts the same way for any number of workers, and reports it', async () => {
    const whole = await detectRings({ ...input, settings });
    const limit = 4;
    expect(whole.counts.partition.largestPart).toBeGreaterThan(limit);
    const one = await detectRings({ ...input, settings, maxPartAccounts: limit });
    const two = await detectRings({ ...input, settings, maxPartAccounts: limit, workers: 2 });
    expect(one.counts.partition.splitParts).toBeGreaterThan(0);
    expect(one.counts.partition.pieces).toBeGreaterThanOrEqual(one.counts.partition.splitParts);
    expect(one.counts.partition.largestSplit).toBe(whole.counts.partition.largestPart);
    // Analysed members only: a known-fraud account shown with a finding (attach.ts) comes after the analysis.
    const attached = (ring: (typeof one.rings)[number]) =>
      ring.reasons.filter((r) => r.startsWith('Known-fraud account ')).length;
    for (const ring of one.rings) expect(ring.members.length - attached(ring)).toBeLessThanOrEqual(limit);
    expect(ringsOf(two)).toEqual(ringsOf(one));
    expect(whole.counts.partition.splitParts).toBe(0);
  });
});

describe('splitOversizeParts', () => {
  it('cuts the lightest ties first and keeps pieces within the limit', () => {
    const settings = resolveSettings({});
    const builder = new ProjectionBuilder(settings);
    // a=b by a device and a card, b–c by a phone only, c=d by a device: the phone is the weak tie.
    builder.addGroup({ kind: 'device', key: 'd1', accounts: ['a', 'b'] });
    builder.addGroup({ kind: 'payment', key: 'c1', accounts: ['a', 'b'] });
    builder.addGroup({ kind: 'phone', key: '+15550001', accounts: ['b', 'c'] });
    builder.addGroup({ kind: 'device', key: 'd2', accounts: ['c', 'd'] });
    builder.addGroup({ kind: 'device', key: 'd3', accounts: ['x', 'y'] });
    const projection = builder.build();
    const { parts } = partitionAccounts(projection, settings);
    const ids = (list: number[][]) => list.map((p) => p.map((n) => projection.accountId(n)));
    expect(ids(parts)).toEqual([
      ['a', 'b', 'c', 'd'],
      ['x', 'y'],
    ]);

    const cut = splitOversizeParts(projection, parts, 2);
    expect(ids(cut.parts)).toEqual([
      ['a', 'b'],
      ['c', 'd'],
      ['x', 'y'],
    ]);
    expect(cut.report).toEqual({ splitParts: 1, pieces: 2, largestSplit: 4 });

    const three = splitOversizeParts(projection, parts, 3);
    // a=b joins first (weight 2), then c=d (1), then b–c would make 4 > 3: cut.
    expect(ids(three.parts)).toEqual([
      ['a', 'b'],
      ['c', 'd'],
      ['x', 'y'],
    ]);
    const none = splitOversizeParts(projection, parts, undefined);
    expect(none.parts).toBe(parts);
    expect(none.report.splitParts).toBe(0);
  });
});
