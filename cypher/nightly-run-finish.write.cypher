MATCH (n:NightlyRun {id: $id})
SET n.status = 'finished', n.finishedAt = datetime(), n.counts = $counts, n.alerts = $alerts, n.flagged = $flagged,
    n.rings = $rings, n.webhook = $webhook, n.reportDir = $reportDir, n.baseline = $baseline, n.timings = $timings,
    n.holder = null
RETURN n.id AS id
