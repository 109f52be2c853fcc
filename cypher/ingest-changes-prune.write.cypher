// After a detection run: the change records of loads before $below (the run's own starting point) that are older than
// $days days go — no nightly cache is that old — and `prunedBelow` remembers up to where: a cache older than that
// (a detection not run incrementally for a week) reads the whole graph instead (server/runs/input-cache.ts).
MATCH (s:IngestState {id: 'graph'})
CALL (s) {
  MATCH (c:IngestChange)
  WHERE c.seq < $below AND c.at < datetime() - duration({days: $days})
  WITH c, c.seq AS seq
  DELETE c
  RETURN max(seq) AS highest
}
SET s.prunedBelow = CASE WHEN highest IS NULL OR coalesce(s.prunedBelow, 0) > highest + 1 THEN s.prunedBelow
                         ELSE highest + 1 END
RETURN coalesce(s.prunedBelow, 0) AS prunedBelow
