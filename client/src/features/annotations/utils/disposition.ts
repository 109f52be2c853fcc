/**
 * The disposition workflow as the web app offers it, from the server's own transition table
 * (contracts/vocabulary.ts): only the steps the server would accept are ever shown.
 */
import { DISPOSITION_TRANSITIONS, DISPOSITIONS, type Disposition } from '@contracts/vocabulary.ts';

export type { Disposition };

export function isDisposition(value: unknown): value is Disposition {
  return typeof value === 'string' && (DISPOSITIONS as readonly string[]).includes(value);
}

/** The dispositions a case may move to next (an unknown current value is treated as `new`). */
export function nextDispositions(current: string): readonly Disposition[] {
  return DISPOSITION_TRANSITIONS[isDisposition(current) ? current : 'new'];
}

/** The verb on the button that takes the case to `next`. */
const STEP_TEXT: Record<Disposition, string> = {
  new: 'Mark as new',
  under_review: 'Start review',
  confirmed_fraud: 'Confirm fraud',
  false_positive: 'Rule out (false positive)',
  escalated: 'Escalate',
};

/** "Start review", or "Reopen for review" when the case already had a verdict. */
export function stepText(current: string, next: Disposition): string {
  if (next === 'under_review' && current !== 'new')
    return current === 'escalated' ? 'Back to review' : 'Reopen for review';
  return STEP_TEXT[next];
}
