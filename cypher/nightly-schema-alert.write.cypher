// Alerts are keyed by job, nightly run date and ring id, so re-running a night MERGEs instead of duplicating them.
CREATE CONSTRAINT nightly_alert_key IF NOT EXISTS FOR (n:NightlyAlert) REQUIRE n.key IS UNIQUE
