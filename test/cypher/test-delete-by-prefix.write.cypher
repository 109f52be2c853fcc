// Removes a test's own data (all nodes whose id or key starts with its unique prefix).
MATCH (n)
WHERE n.id STARTS WITH $prefix OR n.key STARTS WITH $prefix
DETACH DELETE n
