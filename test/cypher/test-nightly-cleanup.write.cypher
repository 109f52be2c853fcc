// Test only: removes a nightly job's runs and alerts, returning the detection runs they made (for
// test-detection-cleanup.write.cypher).
OPTIONAL MATCH (n:NightlyRun {job: $job})
WITH collect(n) AS runs
WITH runs, reduce(ids = [], r IN runs | ids + coalesce(r.detectionRunIds, [])) AS detectionRunIds
CALL () {
  MATCH (a:NightlyAlert {job: $job})
  DETACH DELETE a
}
FOREACH (r IN runs | DETACH DELETE r)
RETURN detectionRunIds
