// After a detection run: the change records before $below — the record its next incremental read would start at —
// that are older than $days days go (an incremental run passes 0 days: only its own cache, the newest, needs records,
// and from $below on); `prunedBelow` remembers up to where, so an older cache (another RINGLENS_HOME) reads the whole
// graph instead of missing changes (server/runs/input-cache.ts).
MATCH (s:IngestState {id: 'graph'})
CALL (s) {
  MATCH (c:IngestChange)
  WHERE c.seq < $below AND c.at <= datetime() - duration({days: $days})
  WITH c, c.seq AS seq
  DELETE c
  RETURN max(seq) AS highest
}
SET s.prunedBelow = CASE WHEN highest IS NULL OR coalesce(s.prunedBelow, 0) > highest + 1 THEN s.prunedBelow
                         ELSE highest + 1 END
RETURN coalesce(s.prunedBelow, 0) AS prunedBelow
