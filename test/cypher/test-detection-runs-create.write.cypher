// Test only: finished detection runs with nothing in them, so the queue knows it is not looking at the first run.
UNWIND $ids AS id
MERGE (r:DetectionRun {id: id})
SET r.startedAt = datetime(), r.finishedAt = datetime(), r.status = 'done'
