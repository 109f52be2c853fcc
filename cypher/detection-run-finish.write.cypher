MATCH (r:DetectionRun {id: $id})
SET r.finishedAt = datetime(), r.status = $status, r.modularity = $modularity, r.counts = $counts,
    r.timings = $timings, r.crowds = $crowds, r.diff = $diff, r.error = $error
RETURN r.id AS id
