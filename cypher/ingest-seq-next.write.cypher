// A load's change stamp: the graph's IngestState counts loads up, and the load stamps every account and identifier it
// changes with its number (`seq`), so incremental detection re-reads only what changed since it last read
// (server/runs/input-cache.ts). `open` lists the loads still running (ingest-seq-done.write takes a load out when it
// ends, however it ends): a detection that reads while one runs re-reads that load's stamps next time. `store` names
// this graph: a cache of another store's input is never used on it.
MERGE (s:IngestState {id: 'graph'})
  ON CREATE SET s.store = randomUUID(), s.seq = 0
SET s.seq = s.seq + 1
SET s.open = coalesce(s.open, []) + s.seq
RETURN s.seq AS seq, s.store AS store
