// The rings of one detection run with their members at that run.
MATCH (a:Account)-[m:IN_RING]->(r:Ring)
WHERE m.run = $runId
RETURN r.id AS id, collect(a.id) AS members
