// Removes test users with their sessions and tokens, and the audit events they caused or that name them.
CALL {
  MATCH (u:User) WHERE u.username IN $usernames
  OPTIONAL MATCH (u)-[:HAS_SESSION|HAS_TOKEN]->(x)
  DETACH DELETE x, u
}
CALL {
  MATCH (e:AuditEvent) WHERE e.actor IN $usernames OR e.objectId IN $usernames
  DELETE e
}
