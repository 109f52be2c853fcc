// Label and creation time of the given accounts (ring candidates), for scoring.
UNWIND $ids AS id
MATCH (a:Account {id: id})
RETURN a.id AS id, a.label AS label, a.createdAt AS createdAt
