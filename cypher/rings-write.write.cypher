// Writes one batch of a run's rings. Idempotent per run: MERGE by ring id; a ring's memberships of this run are
// created together with the ring's properties in the same transaction, so a ring whose lastSeenRun is already this
// run has them all and is left alone (a retried batch creates nothing twice).
// A ring keeps its id across runs (stable identity), so firstSeenRun is only set when the ring is new. kind is 'ring'
// or 'pair' (a duplicate-account pair); reasonPoints (aligned with reasons) is null when detection gave no points.
// The memberships are CREATEd, never MERGEd or matched: a MERGE on (a)-[:IN_RING {run: $runId}]->(r) lets the
// planner look the relationship up through the in_ring_run index, and while IN_RING is empty (a first run) it does,
// with the plan cached — every membership then scans all of this run's memberships written so far (quadratic: 112 s
// for 5,405 findings at 1M accounts). test/integration/rings-write-plan.test.ts keeps IN_RING out of this plan.
UNWIND $rings AS x
MERGE (r:Ring {id: x.id})
ON CREATE SET r.firstSeenRun = $runId, r.firstSeenAt = datetime()
WITH r, x, coalesce(r.lastSeenRun = $runId, false) AS written
SET r.kind = x.kind, r.score = x.score, r.size = x.size, r.flagged = x.flagged, r.change = x.change,
    r.reasons = x.reasons, r.reasonPoints = x.reasonPoints, r.evidence = x.evidence, r.features = x.features,
    r.joined = x.joined, r.left = x.left, r.mergedFrom = x.mergedFrom, r.splitFrom = x.splitFrom,
    r.lastSeenRun = $runId, r.lastSeenAt = datetime(), r.status = coalesce(r.status, 'new'), r.active = true
WITH r, x WHERE NOT written
UNWIND x.members AS m
MATCH (a:Account {id: m})
CREATE (a)-[:IN_RING {run: $runId}]->(r)
