// Alerts of the job from this night and the few before it that no webhook delivery has acknowledged yet.
MATCH (a:NightlyAlert {job: $job})
WHERE a.notifiedAt IS NULL AND a.date <= $date AND a.date >= $since
RETURN a {.key, .ringId, .ringKind, .kind, .score, .size, .joined, .members, .reasons, .disposition, .mergedFrom, .splitFrom,
          .reAlert, .date} AS alert
ORDER BY a.date, a.score DESC, a.ringId
LIMIT toInteger($limit)
