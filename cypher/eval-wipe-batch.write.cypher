// npm run eval only, on its throw-away `eval` instance: deletes up to $limit nodes (with their relationships) and
// returns how many went, so the caller repeats it until the store is empty without one huge transaction.
MATCH (n)
WITH n LIMIT toInteger($limit)
DETACH DELETE n
RETURN count(*) AS deleted
