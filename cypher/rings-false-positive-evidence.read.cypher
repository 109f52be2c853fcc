// The evidence of every ring an investigator marked false_positive, as it was when it was ruled out: its identifiers are suppressed in the next
// detection run (see RunDetectionOptions.falsePositiveFeedback).
MATCH (r:Ring {status: 'false_positive'})
RETURN r.id AS id, coalesce(r.falsePositiveEvidence, r.evidence) AS evidence
