// Appends one annotation event (a note version, a tag change or a disposition change). Nothing is ever updated in
// place: an edited note is a new node with the next version, linked to the one it supersedes. For rings and
// accounts the current disposition/assignee/tags are also kept on the target for fast filtering.
OPTIONAL MATCH (prev:Annotation {id: $supersedes})
WITH prev
WHERE $supersedes IS NULL OR prev IS NOT NULL
CREATE (a:Annotation {
  id: $id, targetType: $targetType, targetId: $targetId, kind: $kind, noteId: $noteId,
  version: CASE WHEN prev IS NULL THEN 1 ELSE prev.version + 1 END,
  body: $body, format: $format, tags: $tags, disposition: $disposition, previousDisposition: $previousDisposition,
  assignee: $assignee, author: $author, at: datetime()
})
FOREACH (_ IN CASE WHEN prev IS NULL THEN [] ELSE [1] END | CREATE (a)-[:SUPERSEDES]->(prev))
WITH a
CALL (a) {
  MATCH (r:Ring {id: a.targetId}) WHERE a.targetType = 'ring'
  SET r.status = CASE WHEN a.kind = 'disposition' THEN a.disposition ELSE r.status END,
      r.assignee = CASE WHEN a.kind = 'disposition' THEN a.assignee ELSE r.assignee END,
      r.tags = CASE WHEN a.kind = 'tags' THEN a.tags ELSE r.tags END,
      // The evidence at the moment it was ruled out: later runs overwrite r.evidence, and suppressing whatever is
      // current would make the ring flip on every run.
      r.falsePositiveEvidence = CASE
        WHEN a.kind <> 'disposition' THEN r.falsePositiveEvidence
        WHEN a.disposition = 'false_positive' THEN coalesce(r.falsePositiveEvidence, r.evidence)
        ELSE null END
  MERGE (r)-[:ANNOTATED_WITH]->(a)
}
CALL (a) {
  MATCH (x:Account {id: a.targetId}) WHERE a.targetType = 'account'
  SET x.disposition = CASE WHEN a.kind = 'disposition' THEN a.disposition ELSE x.disposition END,
      x.assignee = CASE WHEN a.kind = 'disposition' THEN a.assignee ELSE x.assignee END,
      x.tags = CASE WHEN a.kind = 'tags' THEN a.tags ELSE x.tags END
  MERGE (x)-[:ANNOTATED_WITH]->(a)
}
RETURN a {.*} AS annotation
