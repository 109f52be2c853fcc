/**
 * Moves the case along the workflow: one button per step the workflow allows from the current disposition (nothing
 * else is offered), then the assignee and a comment, then Record. Reassigning keeps the disposition.
 */
import { useState } from 'react';
import { useAction } from '../../../lib/use-action.ts';
import { statusText } from '../../../components/ring-badges.tsx';
import { setDisposition } from '../api/set-disposition.ts';
import { bulkDisposition } from '../api/bulk-annotate.ts';
import { plural } from '../../../lib/format.ts';
import type { AnnotationTarget } from '../api/get-annotations.ts';
import { isDisposition, nextDispositions, stepText, type Disposition } from '../utils/disposition.ts';
import type { CaseState } from '../utils/timeline.ts';

export function DispositionForm({
  target,
  current,
  username,
  onRecorded,
  members = [],
}: {
  target: AnnotationTarget;
  current: CaseState;
  username: string;
  onRecorded(): void;
  /** A ring's member accounts: its disposition can be set on them too (one recorded change per account). */
  members?: readonly string[];
}) {
  const [alsoMembers, setAlsoMembers] = useState(true);
  const [membersResult, setMembersResult] = useState<string | null>(null);
  const [step, setStep] = useState<Disposition | null>(null);
  const [assignee, setAssignee] = useState(current.assignee ?? '');
  const [comment, setComment] = useState('');
  const action = useAction();
  const steps = nextDispositions(current.disposition);
  const choose = (next: Disposition | null) => {
    setStep(next);
    setAssignee(current.assignee ?? '');
    setComment('');
    action.clearError();
  };
  const record = async () => {
    if (!step) return;
    const saved = await action.run(() =>
      setDisposition(target, {
        disposition: step,
        assignee: assignee.trim() || null,
        ...(comment.trim() ? { comment: comment.trim() } : {}),
      }),
    );
    if (saved && members.length > 0 && alsoMembers && step !== current.disposition) {
      const o = await bulkDisposition(members, {
        disposition: step,
        assignee: assignee.trim() || null,
        comment: comment.trim() || null,
      });
      setMembersResult(
        `${statusText(step)} on ${plural(o.changed.length, 'member')}` +
          (o.unchanged.length > 0 ? `, ${o.unchanged.length} already so` : '') +
          (o.failed.length > 0 ? `; failed for ${o.failed.map((f) => f.id).join(', ')}` : ''),
      );
    } else if (saved) setMembersResult(null);
    if (saved) {
      choose(null);
      onRecorded();
    }
  };

  return (
    <div className="disposition-form" data-testid="disposition-form">
      <div className="disposition-form__steps" role="group" aria-label="Next step">
        {steps.map((next) => (
          <button
            key={next}
            type="button"
            className={`step step--${next}`}
            aria-pressed={step === next}
            onClick={() => choose(step === next ? null : next)}
          >
            {stepText(current.disposition, next)}
          </button>
        ))}
        {isDisposition(current.disposition) && current.disposition !== 'new' && (
          <button
            type="button"
            className="ghost small"
            aria-pressed={step === current.disposition}
            onClick={() => choose(step === current.disposition ? null : (current.disposition as Disposition))}
            title="Change the assignee or add a comment without changing the disposition"
          >
            Reassign
          </button>
        )}
      </div>
      {membersResult && (
        <p className="small" role="status" data-testid="members-disposition">
          {membersResult}
        </p>
      )}
      {step && (
        <form
          className="disposition-form__details"
          onSubmit={(e) => {
            e.preventDefault();
            void record();
          }}
        >
          <label className="field">
            Assignee
            <span className="field__row">
              <input
                value={assignee}
                onChange={(e) => setAssignee(e.target.value)}
                placeholder="Unassigned"
                maxLength={100}
              />
              <button type="button" className="small" onClick={() => setAssignee(username)}>
                Me
              </button>
            </span>
          </label>
          <label className="field">
            Comment
            <textarea
              value={comment}
              onChange={(e) => setComment(e.target.value)}
              rows={2}
              maxLength={5000}
              placeholder="Why (optional)"
            />
          </label>
          {members.length > 0 && step !== current.disposition && (
            <label className="field field--check">
              <input type="checkbox" checked={alsoMembers} onChange={(e) => setAlsoMembers(e.target.checked)} />
              Also set on its {plural(members.length, 'member account')}
            </label>
          )}
          {action.error && (
            <p className="error small" role="alert">
              {action.error.message}
            </p>
          )}
          <div className="form-actions">
            <button type="button" className="ghost" onClick={() => choose(null)}>
              Cancel
            </button>
            <button type="submit" className="primary" disabled={action.busy}>
              {step === current.disposition ? 'Record reassignment' : `Record: ${statusText(step)}`}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
