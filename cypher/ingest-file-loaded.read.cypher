// Has a file with this content hash been loaded completely before?
MATCH (f:IngestFile {sha256: $sha256})
RETURN f.name AS name, f.loadedAt AS loadedAt, f.rows AS rows
