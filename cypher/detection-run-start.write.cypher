// A detection run, recorded when it starts so a crash leaves a trace (finishedAt stays null). `lockHolder` names the
// detection lock it holds: while that lock is live the run is alive; once it expired or was taken over, the run is
// abandoned (detection-runs-list.read shows it so; detection-runs-abandon.write records it).
MERGE (r:DetectionRun {id: $id})
ON CREATE SET r.startedAt = datetime(), r.params = $params, r.status = 'running', r.lockHolder = $lockHolder
RETURN r.id AS id
