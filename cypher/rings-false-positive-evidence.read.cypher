// The evidence of every ring an investigator marked false_positive: its identifiers are suppressed in the next
// detection run (see RunDetectionOptions.falsePositiveFeedback).
MATCH (r:Ring {status: 'false_positive'})
RETURN r.id AS id, r.evidence AS evidence
