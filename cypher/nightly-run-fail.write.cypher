// A failed attempt: the run stays unfinished (so the next night compares with the last finished run) with the reason.
MATCH (n:NightlyRun {id: $id})
SET n.status = 'failed', n.failedAt = datetime(), n.error = $error, n.holder = null
RETURN n.id AS id
