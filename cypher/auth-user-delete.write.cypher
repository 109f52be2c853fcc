// Removes a user with their sessions and API tokens.
MATCH (u:User {username: $username})
OPTIONAL MATCH (u)-[:HAS_SESSION|HAS_TOKEN]->(x)
DETACH DELETE x, u
RETURN count(*) > 0 AS deleted
