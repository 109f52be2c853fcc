// Writes one batch of a run's rings. Idempotent per run: MERGE by ring id and by (account, ring, run).
// A ring keeps its id across runs (stable identity), so firstSeenRun is only set when the ring is new. kind is 'ring'
// or 'pair' (a duplicate-account pair); reasonPoints (aligned with reasons) is null when detection gave no points.
UNWIND $rings AS x
MERGE (r:Ring {id: x.id})
ON CREATE SET r.firstSeenRun = $runId, r.firstSeenAt = datetime()
SET r.kind = x.kind, r.score = x.score, r.size = x.size, r.flagged = x.flagged, r.change = x.change,
    r.reasons = x.reasons, r.reasonPoints = x.reasonPoints, r.evidence = x.evidence, r.features = x.features,
    r.joined = x.joined, r.left = x.left, r.mergedFrom = x.mergedFrom, r.splitFrom = x.splitFrom,
    r.lastSeenRun = $runId, r.lastSeenAt = datetime(), r.status = coalesce(r.status, 'new'), r.active = true
WITH r, x
UNWIND x.members AS m
MATCH (a:Account {id: m})
MERGE (a)-[:IN_RING {run: $runId}]->(r)
