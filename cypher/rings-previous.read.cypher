// The rings of the latest finished detection run, with their members: the baseline for stable ring ids.
MATCH (run:DetectionRun) WHERE run.finishedAt IS NOT NULL
WITH run ORDER BY run.finishedAt DESC LIMIT 1
MATCH (a:Account)-[:IN_RING {run: run.id}]->(r:Ring)
RETURN r.id AS id, collect(a.id) AS members, run.id AS runId
