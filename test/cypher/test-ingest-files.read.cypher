// The files recorded as completely loaded (load bookkeeping), without the time of loading.
MATCH (f:IngestFile)
RETURN f.sha256 AS sha256, f.name AS name, f.rows AS rows, f.rejected AS rejected
ORDER BY name, sha256
