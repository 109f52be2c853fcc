// An API token by its public id, with its owner, for authentication.
MATCH (u:User)-[:HAS_TOKEN]->(t:ApiToken {id: $id})
RETURN t.secretHash AS secretHash,
       t.revokedAt IS NOT NULL OR (t.expiresAt IS NOT NULL AND t.expiresAt <= datetime()) AS unusable,
       t.lastUsedAt IS NULL OR t.lastUsedAt < datetime() - duration({seconds: 60}) AS stale,
       u {.username, .role, .disabled} AS user
