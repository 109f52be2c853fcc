// Test only: every alert of a job, with whether a webhook delivered it.
MATCH (a:NightlyAlert {job: $job})
RETURN a.key AS key, a.date AS date, a.ringId AS ringId, a.kind AS kind, a.notifiedAt IS NOT NULL AS notified
ORDER BY a.key
