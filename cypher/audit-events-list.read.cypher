// Audit events, newest first, filtered (a null filter matches all), one page plus the total.
CALL () {
  MATCH (e:AuditEvent)
  WHERE ($actor IS NULL OR e.actor = $actor) AND ($action IS NULL OR e.action = $action)
    AND ($since IS NULL OR e.at >= datetime($since)) AND ($until IS NULL OR e.at < datetime($until))
  RETURN count(e) AS total
}
CALL () {
  MATCH (e:AuditEvent)
  WHERE ($actor IS NULL OR e.actor = $actor) AND ($action IS NULL OR e.action = $action)
    AND ($since IS NULL OR e.at >= datetime($since)) AND ($until IS NULL OR e.at < datetime($until))
  WITH e ORDER BY e.at DESC, e.id
  SKIP toInteger($skip) LIMIT toInteger($limit)
  RETURN collect(e {.id, .at, .actor, .action, .objectType, .objectId, .ip, .outcome, .details}) AS items
}
RETURN total, items
