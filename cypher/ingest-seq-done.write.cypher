// A load ended (done, failed or stopped): its stamps are final (ingest-seq-next.write).
MATCH (s:IngestState {id: 'graph'})
SET s.open = [x IN coalesce(s.open, []) WHERE x <> $seq]
