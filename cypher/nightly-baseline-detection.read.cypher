// No earlier nightly run: the last detection run that finished before this night's first attempt started.
MATCH (d:DetectionRun)
WHERE d.status = 'finished' AND d.finishedAt < datetime($before)
RETURN d.id AS detectionRunId
ORDER BY d.finishedAt DESC
LIMIT 1
