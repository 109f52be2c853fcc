// Replaces a user's password hash and revokes every API token of theirs still usable: a reset is what one does when
// an account may be compromised, and a token minted by whoever held it must not outlive the reset.
MATCH (u:User {username: $username})
SET u.passwordHash = $passwordHash, u.passwordChangedAt = datetime()
WITH u
OPTIONAL MATCH (u)-[:HAS_TOKEN]->(t:ApiToken)
WHERE t.revokedAt IS NULL
WITH u, collect(t) AS tokens
FOREACH (t IN tokens | SET t.revokedAt = datetime())
RETURN u.username AS username, size(tokens) AS revokedTokens
