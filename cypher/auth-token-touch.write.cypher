// Records that a token was used (at most once a minute; see auth-token-get.read `stale`).
MATCH (t:ApiToken {id: $id})
SET t.lastUsedAt = datetime()
