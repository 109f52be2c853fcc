// Records alerts keyed by (job, date, ring id): re-running a night updates them, never duplicates them, and keeps
// when they were first raised and whether the webhook delivered them. ringKind: 'ring' or 'pair' (the finding's kind);
// kind: 'new' or 'grown' (the alert's).
MATCH (n:NightlyRun {id: $runId})
UNWIND $alerts AS x
MERGE (a:NightlyAlert {key: $job + '|' + $date + '|' + x.ringId})
  ON CREATE SET a.createdAt = datetime()
SET a.job = $job, a.date = $date, a.runId = $runId, a.ringId = x.ringId, a.ringKind = x.ringKind, a.kind = x.kind,
    a.score = x.score, a.size = x.size, a.joined = x.joined, a.members = x.members, a.reasons = x.reasons,
    a.disposition = x.disposition, a.mergedFrom = x.mergedFrom, a.splitFrom = x.splitFrom, a.reAlert = x.reAlert, a.updatedAt = datetime()
MERGE (n)-[:RAISED]->(a)
RETURN count(a) AS alerts
