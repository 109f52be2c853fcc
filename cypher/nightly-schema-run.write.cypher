// The nightly job's schema, applied by every nightly run (idempotent). One statement per file: Neo4j runs schema
// statements in transactions of their own.
CREATE CONSTRAINT nightly_run_id IF NOT EXISTS FOR (n:NightlyRun) REQUIRE n.id IS UNIQUE
