// A session and its user's current role and state (a role change applies to live sessions at once).
MATCH (u:User)-[:HAS_SESSION]->(s:Session {key: $key})
RETURN s {.key, .csrf, .createdAt, .lastSeenAt} AS session, u {.username, .role, .disabled} AS user
