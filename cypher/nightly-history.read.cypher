// Earlier finished runs of the job, newest first: the report's history chart.
MATCH (n:NightlyRun {job: $job})
WHERE n.status = 'finished' AND n.date < $date
RETURN n.date AS date, coalesce(n.rings, 0) AS rings, coalesce(n.flagged, 0) AS flagged, coalesce(n.alerts, 0) AS alerts
ORDER BY n.date DESC
LIMIT toInteger($limit)
