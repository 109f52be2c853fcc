// Stores a new browser session (by the SHA-256 of its cookie id) for an existing user. Times are epoch milliseconds.
MATCH (u:User {username: $username})
MERGE (s:Session {key: $key})
  ON CREATE SET s.csrf = $csrf, s.createdAt = $now, s.lastSeenAt = $now, s.ip = $ip, s.userAgent = $userAgent
MERGE (u)-[:HAS_SESSION]->(s)
RETURN s.key AS key
