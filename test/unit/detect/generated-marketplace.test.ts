import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectRings } from '../../../server/detect/pipeline.ts';
import { readOfflineInput } from '../../../server/eval/offline-input.ts';
import { evaluateRings } from '../../../server/eval/ring-eval.ts';
import { generateDataset, type GroundTruth } from '../../../server/generate/dataset.ts';

// The generator's planted rings (device farms chained over several devices, card gangs, proxy rotation, reused
// identities, colluders who share nothing but money) through the whole pure pipeline, scored like `npm run eval`.
describe.each([1, 2])('a generated marketplace (seed %i)', (seed) => {
  it('flags every planted ring, and no household', async () => {
    const outDir = await mkdtemp(join(tmpdir(), `ringlens-detect-${seed}-`));
    try {
      const generated = await generateDataset({ seed, accounts: 5000, outDir });
      const truth = JSON.parse(await readFile(generated.files.groundTruth, 'utf8')) as GroundTruth;
      const result = await detectRings(await readOfflineInput(generated.files));
      const evaluation = evaluateRings(truth, result.rings);
      expect(evaluation.recall).toBeGreaterThanOrEqual(0.95);
      expect(evaluation.precision).toBeGreaterThanOrEqual(0.9);
      expect(evaluation.householdsFlagged).toBe(0);
      for (const pattern of Object.values(evaluation.perPattern)) expect(pattern.found).toBeGreaterThan(0);
    } finally {
      await rm(outDir, { recursive: true, force: true });
    }
  });
});
