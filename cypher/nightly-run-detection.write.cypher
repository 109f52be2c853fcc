// Records the detection run an attempt starts (all of them, for tracing) and, once it finished, the one whose rings
// the next night compares with.
MATCH (n:NightlyRun {id: $id})
SET n.detectionRunIds = CASE WHEN $detectionRunId IN coalesce(n.detectionRunIds, []) THEN n.detectionRunIds
                             ELSE coalesce(n.detectionRunIds, []) + $detectionRunId END,
    n.detectionRunId = CASE WHEN $finished THEN $detectionRunId ELSE n.detectionRunId END
RETURN n.id AS id
