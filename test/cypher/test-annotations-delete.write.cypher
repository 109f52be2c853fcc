// Test only: removes the annotations recorded on the given rings and accounts (deleting a ring or an account leaves
// its (:Annotation) events behind, since they are history, not part of the target).
MATCH (a:Annotation)
WHERE a.targetId IN $targetIds
DETACH DELETE a
