// A run marked running whose detection lock is no longer live (expired, or taken by another holder) is shown as
// abandoned: its process died without finishing.
MATCH (r:DetectionRun)
WITH r
ORDER BY r.startedAt DESC
LIMIT toInteger($limit)
OPTIONAL MATCH (l:Lock {name: 'detection'})
WHERE l.holder = r.lockHolder AND l.expiresAt >= datetime()
RETURN r {.id, .startedAt, .finishedAt, .modularity, .counts,
  status: CASE WHEN r.status = 'running' AND l IS NULL THEN 'abandoned' ELSE r.status END} AS run
ORDER BY run.startedAt DESC
