// The export events that recorded a bundle with this manifest hash (npm run verify-bundle -- --db). The hash is 64 hex
// characters inside the event's JSON details, so a CONTAINS match cannot hit anything else.
MATCH (e:AuditEvent)
WHERE e.action = 'export' AND e.details CONTAINS $manifestSha256
RETURN e.id AS id, toString(e.at) AS at, e.actor AS actor, e.objectId AS ringId, e.details AS details
ORDER BY e.at
LIMIT 10
