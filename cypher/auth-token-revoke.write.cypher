// Revokes one of this user's tokens (the owner is part of the match: nobody revokes another's token by id).
MATCH (:User {username: $username})-[:HAS_TOKEN]->(t:ApiToken {id: $id})
SET t.revokedAt = coalesce(t.revokedAt, datetime())
RETURN t.id AS id
