MATCH (a:Account)
WHERE a.id STARTS WITH $prefix
RETURN a.id AS id, a.label AS label, a.createdAt AS createdAt
ORDER BY id
