// Test only: sets an investigator's disposition on a ring (the UI that does this comes later).
MATCH (r:Ring {id: $id})
SET r.status = $status
RETURN r.id AS id
