// Test only: forgets that the given files (by content hash) were loaded.
UNWIND $hashes AS sha256
MATCH (f:IngestFile {sha256: sha256})
DELETE f
