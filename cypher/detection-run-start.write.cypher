// A detection run, recorded when it starts so a crash leaves a trace (finishedAt stays null).
MERGE (r:DetectionRun {id: $id})
ON CREATE SET r.startedAt = datetime(), r.params = $params, r.status = 'running'
RETURN r.id AS id
