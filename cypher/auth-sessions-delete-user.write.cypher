// Ends every session of a user (password reset, disable, removal).
MATCH (:User {username: $username})-[:HAS_SESSION]->(s:Session)
DETACH DELETE s
