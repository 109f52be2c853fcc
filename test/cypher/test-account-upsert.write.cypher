// Minimal account upsert used by foundation tests (the ingest loader has its own batched queries).
MERGE (a:Account {id: $id})
SET a.label = $label, a.createdAt = datetime($createdAt)
RETURN a.id AS id, a.label AS label, a.createdAt AS createdAt
