// Adds an API token (only the SHA-256 of its secret) to a user, unless they already have $maxActive usable ones.
MATCH (u:User {username: $username})
OPTIONAL MATCH (u)-[:HAS_TOKEN]->(a:ApiToken)
  WHERE a.revokedAt IS NULL AND (a.expiresAt IS NULL OR a.expiresAt > datetime())
WITH u, count(a) AS active
WHERE active < $maxActive
MERGE (t:ApiToken {id: $id})
  ON CREATE SET t.name = $name, t.secretHash = $secretHash, t.createdAt = datetime(),
    t.expiresAt = datetime() + duration({days: $expiresInDays})
MERGE (u)-[:HAS_TOKEN]->(t)
RETURN t {.id, .name, .createdAt, .expiresAt} AS token
