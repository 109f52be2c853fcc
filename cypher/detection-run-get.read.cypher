MATCH (r:DetectionRun {id: $id})
RETURN r {.*} AS run
