// Reading one detection run's rings (the nightly baseline, and rings-previous.read) seeks memberships by run id.
CREATE INDEX in_ring_run IF NOT EXISTS FOR ()-[m:IN_RING]-() ON (m.run)
