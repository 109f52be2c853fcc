// The ring queue: active rings filtered, sorted and paged. {{order}} is filled from the fixed map in
// server/rings/service.ts (a property and a direction, e.g. `r.score DESC`), never from input. Each sort key has a
// range index (cypher/schema.cypher), so a page reads about skip + limit rings in index order (PartialTop) instead of
// sorting them all; the total is counted apart. The queue shows how many members joined and left, so their ids stay
// in the ring's detail. $kind picks rings or duplicate-account pairs (a ring stored before pairs existed has no kind and
// counts as a ring). lastSeenAt travels as epoch milliseconds (decoding a Bolt datetime costs more than the rest of
// the row) and becomes an ISO string in server/rings/service.ts. Ties (many rings score 100) go to the larger ring.
// `runs` counts finished detection runs: on the first one every ring is "new" and flagged, which tells nothing.
CALL () {
  MATCH (r:Ring)
  WHERE r.score >= $minScore
    AND r.active
    AND ($status IS NULL OR r.status = $status)
    AND ($change IS NULL OR r.change = $change)
    AND ($kind IS NULL OR coalesce(r.kind, 'ring') = $kind)
    AND ($flagged IS NULL OR r.flagged = $flagged)
    AND ($assignee IS NULL OR r.assignee = $assignee)
    AND ($closed IS NULL OR (coalesce(r.status, 'new') IN $closedStatuses) = $closed)
  RETURN count(r) AS total
}
CALL () {
  MATCH (r:Ring)
  WHERE r.score >= $minScore
    AND r.active
    AND ($status IS NULL OR r.status = $status)
    AND ($change IS NULL OR r.change = $change)
    AND ($kind IS NULL OR coalesce(r.kind, 'ring') = $kind)
    AND ($flagged IS NULL OR r.flagged = $flagged)
    AND ($assignee IS NULL OR r.assignee = $assignee)
    AND ($closed IS NULL OR (coalesce(r.status, 'new') IN $closedStatuses) = $closed)
  WITH r
  ORDER BY {{order}}, r.size DESC, r.score DESC, r.id
  SKIP toInteger($skip) LIMIT toInteger($limit)
  RETURN collect(r {
    .id, kind: coalesce(r.kind, 'ring'), .score, .size, .status, .assignee, .tags, .change, .flagged, .reasons,
    .lastSeenRun, .firstSeenRun,
    lastSeenAtMs: r.lastSeenAt.epochMillis, joinedCount: size(coalesce(r.joined, [])), leftCount: size(coalesce(r.left, []))
  }) AS items
}
CALL () {
  MATCH (run:DetectionRun) WHERE run.finishedAt IS NOT NULL
  RETURN count(run) AS runs
}
RETURN total, items, runs
