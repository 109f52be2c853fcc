// Batched account upsert. Idempotent: replaying a row sets the same values again.
// Absent optional fields keep what the account already has (a later file may know less than an earlier one).
UNWIND $rows AS r
MERGE (a:Account {id: r.id})
SET a.label = r.label,
    a.createdAt = CASE WHEN r.createdAt IS NULL THEN a.createdAt ELSE datetime(r.createdAt) END,
    a.type = coalesce(r.type, a.type),
    a.country = coalesce(r.country, a.country),
    a.status = coalesce(r.status, a.status)
