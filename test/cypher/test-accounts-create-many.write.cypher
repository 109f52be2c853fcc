// Test only: bare accounts with the given ids (MERGE, so a re-run is harmless).
UNWIND $ids AS id
MERGE (:Account {id: id})
