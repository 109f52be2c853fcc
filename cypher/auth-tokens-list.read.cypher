// A user's API tokens, newest first, without their hashes; revoked and expired ones stay listed.
MATCH (:User {username: $username})-[:HAS_TOKEN]->(t:ApiToken)
RETURN t {.id, .name, .createdAt, .expiresAt, .lastUsedAt, .revokedAt} AS token
ORDER BY t.createdAt DESC
LIMIT toInteger($limit)
