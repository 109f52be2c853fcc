// Test-only: removes the USES relationships of the given accounts to one identifier key (ingest never deletes).
UNWIND $accounts AS id
MATCH (a:Account {id: id})-[u:USES]->(i {key: $key})
DELETE u
