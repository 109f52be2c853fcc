import { describe, expect, it } from 'vitest';
import { DISPOSITION_TRANSITIONS, DISPOSITIONS } from '../../../contracts/vocabulary.ts';
import { nextDispositions, stepText } from '../../../client/src/features/annotations/utils/disposition.ts';

describe('disposition next steps', () => {
  it('offers exactly the workflow’s next steps', () => {
    expect(nextDispositions('new')).toEqual(['under_review']);
    expect(nextDispositions('under_review')).toEqual(['confirmed_fraud', 'false_positive', 'escalated']);
    expect(nextDispositions('escalated')).toEqual(['under_review', 'confirmed_fraud', 'false_positive']);
    // A verdict can only be reopened.
    expect(nextDispositions('confirmed_fraud')).toEqual(['under_review']);
    expect(nextDispositions('false_positive')).toEqual(['under_review']);
    for (const d of DISPOSITIONS) expect(nextDispositions(d)).toEqual(DISPOSITION_TRANSITIONS[d]);
  });

  it('treats an unknown status as new and never offers going back to new', () => {
    expect(nextDispositions('something_else')).toEqual(['under_review']);
    for (const d of DISPOSITIONS) expect(nextDispositions(d)).not.toContain('new');
  });

  it('names the step by where the case comes from', () => {
    expect(stepText('new', 'under_review')).toBe('Start review');
    expect(stepText('confirmed_fraud', 'under_review')).toBe('Reopen for review');
    expect(stepText('escalated', 'under_review')).toBe('Back to review');
    expect(stepText('under_review', 'confirmed_fraud')).toBe('Confirm fraud');
  });
});
