UNWIND $keys AS key
MATCH (a:NightlyAlert {key: key})
SET a.notifiedAt = datetime(), a.notifiedBy = $runId
RETURN count(a) AS notified
