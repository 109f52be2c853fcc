// Test only: the state of one nightly run.
MATCH (n:NightlyRun {id: $id})
RETURN n.status AS status, n.attempts AS attempts, n.detectionRunId AS detectionRunId,
       n.detectionRunIds AS detectionRunIds, n.alerts AS alerts, n.webhook AS webhook
