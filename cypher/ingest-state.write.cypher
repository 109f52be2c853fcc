// The graph's IngestState for detection (created when no batched load made it yet, e.g. after a bulk import): the
// number of the last committed change record `seq`, the store's name and below which record the change records were
// pruned. A detection that reads the graph now reads next time the records numbered `seq + 1` on
// (ingest-change-record.write, server/runs/input-cache.ts).
MERGE (s:IngestState {id: 'graph'})
  ON CREATE SET s.store = randomUUID(), s.seq = 0
RETURN s.seq AS seq, s.store AS store, coalesce(s.prunedBelow, 0) AS prunedBelow
