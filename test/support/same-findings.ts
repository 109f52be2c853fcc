// What two detection runs must agree on, finding by finding (engines, workers, readers).
import type { DetectRingsResult } from '../../server/detect/pipeline.ts';

export function findingsOf(result: DetectRingsResult): unknown[] {
  return result.rings.map((r) => ({
    id: r.id,
    kind: r.kind,
    members: r.members,
    score: r.score,
    flagged: r.flagged,
    reasons: r.reasons,
  }));
}
