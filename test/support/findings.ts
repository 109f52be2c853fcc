/**
 * Hand-made detection findings (rings and duplicate-account pairs with points per reason) for tests of everything
 * after detection: persistence, the API, exports, the nightly job and the web app. `handMadeDetector` runs the real
 * pipeline over the database's input (so the run's counts, timings and settings are real) and reports the given
 * findings instead of what it found, with ids and changes from the real matcher against the previous run.
 */
import { createHash } from 'node:crypto';
import { ringIdFor, matchRings } from '../../server/detect/match.ts';
import { detectRings, type DetectedRing } from '../../server/detect/pipeline.ts';
import type { RingFeatures } from '../../server/detect/score.ts';
import type { RingEvidence } from '../../server/detect/score-types.ts';
import type { Detector } from '../../server/runs/detection-service.ts';
import type { Finding, RingKind } from '../../server/rings/findings.ts';

export interface FindingSpec {
  kind: RingKind;
  members: string[];
  score: number;
  reasons: string[];
  /** Points per reason; leave out to store a finding without them. */
  reasonPoints?: number[];
  /** The links behind it, as detection stores them (what the web app and the exports draw); none when left out. */
  evidence?: RingEvidence[];
}

/** `pair-` + 12 hex digits of SHA-1 over the sorted members: the id contract of duplicate-account pairs. */
export function pairIdFor(members: readonly string[]): string {
  const hash = createHash('sha1');
  for (const m of [...members].sort()) hash.update(m).update('\n');
  return `pair-${hash.digest('hex').slice(0, 12)}`;
}

/** A detector that reports `specs()` (called once per run, so a test can change what the next run finds). */
export function handMadeDetector(specs: () => FindingSpec[]): Detector {
  return async (input) => {
    const real = await detectRings(input);
    const list = specs().map((s) => ({ ...s, members: [...s.members].sort() }));
    const kindOf = new Map(list.map((s) => [s.members.join('\n'), s.kind]));
    const diff = matchRings(
      input.previousRings ?? [],
      list.map((s) => s.members),
      {
        threshold: real.settings.matchThreshold,
        newId: (m) => (kindOf.get([...m].sort().join('\n')) === 'pair' ? pairIdFor(m) : ringIdFor(m)),
      },
    );
    // A spec without reasonPoints stands for a ring stored by a version that had none (legacy data), hence the cast.
    const rings = list.map((s, i) => ({
      id: diff.rings[i]!.id,
      kind: s.kind,
      members: s.members,
      status: diff.rings[i]!.status,
      score: s.score,
      flagged: s.score >= real.settings.alertThreshold,
      reasons: s.reasons,
      ...(s.reasonPoints ? { reasonPoints: s.reasonPoints } : {}),
      evidence: s.evidence ?? [],
      evidenceTruncated: false,
      features: { size: s.members.length } as RingFeatures,
    })) as Array<DetectedRing & Finding>;
    const flagged = rings.filter((r) => r.flagged).length;
    return { ...real, rings, diff, counts: { ...real.counts, reported: rings.length, flagged } };
  };
}
