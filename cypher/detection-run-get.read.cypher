// As in detection-runs-list.read: a running run without its live detection lock is abandoned.
MATCH (r:DetectionRun {id: $id})
OPTIONAL MATCH (l:Lock {name: 'detection'})
WHERE l.holder = r.lockHolder AND l.expiresAt >= datetime()
RETURN r {.*, status: CASE WHEN r.status = 'running' AND l IS NULL THEN 'abandoned' ELSE r.status END} AS run
