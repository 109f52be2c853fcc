// RingLens schema: a uniqueness constraint on every key (each also backs an index), applied at start-up.
// Every statement is idempotent (IF NOT EXISTS), so applying it again is harmless.
CREATE CONSTRAINT account_id IF NOT EXISTS FOR (n:Account) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT device_key IF NOT EXISTS FOR (n:Device) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT payment_method_key IF NOT EXISTS FOR (n:PaymentMethod) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT ip_key IF NOT EXISTS FOR (n:IP) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT email_key IF NOT EXISTS FOR (n:Email) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT phone_key IF NOT EXISTS FOR (n:Phone) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT address_key IF NOT EXISTS FOR (n:Address) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT detection_run_id IF NOT EXISTS FOR (n:DetectionRun) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT ring_id IF NOT EXISTS FOR (n:Ring) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT ingest_file_hash IF NOT EXISTS FOR (n:IngestFile) REQUIRE n.sha256 IS UNIQUE;
CREATE INDEX account_label IF NOT EXISTS FOR (n:Account) ON (n.label);
CREATE INDEX ring_score IF NOT EXISTS FOR (n:Ring) ON (n.score);
CREATE INDEX ring_size IF NOT EXISTS FOR (n:Ring) ON (n.size);
CREATE INDEX ring_last_seen IF NOT EXISTS FOR (n:Ring) ON (n.lastSeenAt);
CREATE CONSTRAINT lock_name IF NOT EXISTS FOR (n:Lock) REQUIRE n.name IS UNIQUE;
CREATE INDEX ring_active IF NOT EXISTS FOR (n:Ring) ON (n.active);
CREATE CONSTRAINT annotation_id IF NOT EXISTS FOR (n:Annotation) REQUIRE n.id IS UNIQUE;
CREATE INDEX annotation_target IF NOT EXISTS FOR (n:Annotation) ON (n.targetType, n.targetId);
CREATE CONSTRAINT user_username IF NOT EXISTS FOR (n:User) REQUIRE n.username IS UNIQUE;
CREATE CONSTRAINT api_token_id IF NOT EXISTS FOR (n:ApiToken) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT session_key IF NOT EXISTS FOR (n:Session) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT audit_event_id IF NOT EXISTS FOR (n:AuditEvent) REQUIRE n.id IS UNIQUE;
CREATE INDEX audit_event_at IF NOT EXISTS FOR (n:AuditEvent) ON (n.at);
CREATE INDEX audit_event_actor IF NOT EXISTS FOR (n:AuditEvent) ON (n.actor);
CREATE CONSTRAINT nightly_run_id IF NOT EXISTS FOR (n:NightlyRun) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT nightly_alert_key IF NOT EXISTS FOR (n:NightlyAlert) REQUIRE n.key IS UNIQUE;
CREATE INDEX in_ring_run IF NOT EXISTS FOR ()-[m:IN_RING]-() ON (m.run);
