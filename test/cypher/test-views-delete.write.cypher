// Test only: removes the saved views of the given rings and accounts.
MATCH (v:SavedView)
WHERE v.targetId IN $targetIds
DETACH DELETE v
