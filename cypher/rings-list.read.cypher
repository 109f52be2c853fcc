// The ring queue: active rings filtered, sorted and paged. The sort key and direction are parameters (a whitelisted
// key and +1/-1), never interpolated text.
MATCH (r:Ring)
WHERE r.active
  AND r.score >= $minScore
  AND ($status IS NULL OR r.status = $status)
  AND ($change IS NULL OR r.change = $change)
  AND ($flagged IS NULL OR r.flagged = $flagged)
  AND ($assignee IS NULL OR r.assignee = $assignee)
WITH r, CASE $sort
    WHEN 'size' THEN toFloat(r.size)
    WHEN 'lastSeen' THEN toFloat(r.lastSeenAt.epochMillis)
    ELSE r.score
  END * $direction AS sortValue
ORDER BY sortValue DESC, r.id
WITH collect(r) AS rings
RETURN size(rings) AS total,
  [r IN rings[$skip..($skip + $limit)] | r {
    .id, .score, .size, .status, .assignee, .tags, .change, .flagged, .reasons, .joined, .left, .lastSeenRun, .lastSeenAt,
    .firstSeenRun
  }] AS items
