MATCH (r:DetectionRun)
RETURN r {.id, .startedAt, .finishedAt, .status, .modularity, .counts} AS run
ORDER BY r.startedAt DESC
LIMIT toInteger($limit)
