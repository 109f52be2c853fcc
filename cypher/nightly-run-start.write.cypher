// Starts (or re-starts) the nightly run of a job and date. One node per job and date: a re-run after a crash, or a
// second run the same day, continues the same run. startedAt is the first attempt's, attempts counts them.
MERGE (n:NightlyRun {id: $id})
  ON CREATE SET n.job = $job, n.date = $date, n.startedAt = datetime(), n.attempts = 0
SET n.attempts = n.attempts + 1, n.attemptStartedAt = datetime(), n.status = 'running', n.params = $params,
    n.holder = $holder, n.finishedAt = null, n.error = null
RETURN toString(n.startedAt) AS startedAt, toString(n.attemptStartedAt) AS attemptStartedAt, n.attempts AS attempt,
       n.webhook AS webhook
