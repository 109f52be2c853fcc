// The last finished nightly run of the job before this date: the rings the night compares with.
MATCH (n:NightlyRun {job: $job})
WHERE n.status = 'finished' AND n.date < $date AND n.detectionRunId IS NOT NULL
RETURN n.id AS runId, n.date AS date, n.detectionRunId AS detectionRunId
ORDER BY n.date DESC
LIMIT 1
