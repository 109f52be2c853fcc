// Records a completely loaded file by content hash (written only after its last batch committed).
MERGE (f:IngestFile {sha256: $sha256})
SET f.name = $name, f.rows = $rows, f.rejected = $rejected, f.loadedAt = datetime()
