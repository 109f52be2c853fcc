// The graph's IngestState for detection (created when no batched load made it yet, e.g. after a bulk import): the
// number of the last committed change record `seq`, the store's name and below which record the change records were
// pruned. A detection that reads the graph now reads next time the records numbered `seq + 1` on
// (ingest-change-record.write, server/runs/input-cache.ts). An incremental detection sets `recording` — under the
// IngestState's write lock, so a batch committing meanwhile is either before this read or recorded — and from then
// on every batch records what it touched.
MERGE (s:IngestState {id: 'graph'})
  ON CREATE SET s.store = randomUUID(), s.seq = 0
SET s.recording = coalesce(s.recording, false) OR $recording
RETURN s.seq AS seq, s.store AS store, coalesce(s.prunedBelow, 0) AS prunedBelow, s.recording AS recording
