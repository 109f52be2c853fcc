// After detection: a ring that came from a split or a merge inherits the annotations of its predecessors
// (read through INHERITS_ANNOTATIONS_FROM, nothing is copied), and takes over their disposition if it has none.
UNWIND $links AS l
MATCH (child:Ring {id: l.child})
MATCH (parent:Ring {id: l.parent})
WHERE child <> parent
MERGE (child)-[i:INHERITS_ANNOTATIONS_FROM]->(parent)
ON CREATE SET i.reason = l.reason, i.run = $runId
SET child.status = CASE WHEN child.status = 'new' AND parent.status <> 'new' THEN parent.status ELSE child.status END
