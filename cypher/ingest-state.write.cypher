// The graph's IngestState for detection (created when no batched load made it yet, e.g. after a bulk import): the
// load count `seq`, the loads still running (`open`) and the store's name. A detection that reads the graph now
// re-reads next time what loads stamped from `since` on: the oldest running load, else the next one
// (server/runs/input-cache.ts).
MERGE (s:IngestState {id: 'graph'})
  ON CREATE SET s.store = randomUUID(), s.seq = 0
RETURN s.seq AS seq, s.store AS store,
       reduce(m = s.seq + 1, x IN coalesce(s.open, []) | CASE WHEN x < m THEN x ELSE m END) AS since
