// For each ring, the members it had at its last alert before this date (the false-positive growth reference).
UNWIND $ringIds AS ringId
MATCH (a:NightlyAlert {job: $job, ringId: ringId})
WHERE a.date < $date
WITH ringId, a ORDER BY a.date DESC
WITH ringId, collect(a)[0] AS last
RETURN ringId, last.members AS members, last.date AS date
