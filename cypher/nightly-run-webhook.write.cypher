// What the last webhook delivery of this run did (kept across attempts: a re-run with nothing left to send reports it).
MATCH (n:NightlyRun {id: $id})
SET n.webhook = $webhook
RETURN n.id AS id
