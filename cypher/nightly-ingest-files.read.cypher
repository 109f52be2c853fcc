// What the loader recorded for these files, and whether it loaded them after this night's run started.
UNWIND $hashes AS sha256
MATCH (f:IngestFile {sha256: sha256})
RETURN f.sha256 AS sha256, f.rows AS rows, coalesce(f.rejected, 0) AS rejected,
       f.loadedAt >= datetime($since) AS thisRun
