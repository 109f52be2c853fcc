// Users (never their password hashes) with the number of their usable API tokens.
MATCH (u:User)
OPTIONAL MATCH (u)-[:HAS_TOKEN]->(t:ApiToken)
  WHERE t.revokedAt IS NULL AND (t.expiresAt IS NULL OR t.expiresAt > datetime())
WITH u, count(t) AS tokens
ORDER BY u.username
LIMIT toInteger($limit)
RETURN u {.username, .role, .disabled, .createdAt, tokens: tokens} AS user
