// After a run: rings it did not report are no longer active (their history stays).
MATCH (r:Ring) WHERE r.active AND r.lastSeenRun <> $runId
SET r.active = false
RETURN count(r) AS deactivated
