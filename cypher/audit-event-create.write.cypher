// Appends an audit event. MERGE on the generated id keeps a retried transaction from writing it twice; nothing in
// RingLens updates or deletes audit events.
MERGE (e:AuditEvent {id: $id})
  ON CREATE SET e.at = datetime(), e.actor = $actor, e.action = $action, e.objectType = $objectType,
    e.objectId = $objectId, e.ip = $ip, e.outcome = $outcome, e.details = $details
