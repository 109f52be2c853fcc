// Deliberately CREATE (not MERGE): used by the schema test to prove the uniqueness constraint rejects a duplicate.
CREATE (a:Account {id: $id})
RETURN a.id AS id
