/**
 * The case file of a ring or an account in the side panel: disposition (with the workflow's next steps), assignee,
 * tags, a new-note editor and the timeline. Controls the signed-in user's role may not use are not offered; a hint
 * says which role they need. Should the server refuse anyway, its message is shown where the action was.
 */
import type { Role } from '@contracts/roles.ts';
import type { Me } from '@contracts/auth.ts';
import { mayCall, needsRoleText, requiredRole } from '../../../lib/permissions.ts';
import { StatusBadge } from '../../../components/ring-badges.tsx';
import { targetPath, type AnnotationTarget } from '../api/get-annotations.ts';
import { useCaseFile, type CaseFile } from '../hooks/use-case-file.ts';
import type { CaseState } from '../utils/timeline.ts';
import { AnnotationTimeline } from './annotation-timeline.tsx';
import { DispositionForm } from './disposition-form.tsx';
import { NoteEditor } from './note-editor.tsx';
import { TagsEditor } from './tags-editor.tsx';

function RoleHint({ me, needs, what }: { me: Me; needs: Role | null; what: string }) {
  return <p className="hint role-hint">{needsRoleText(what, needs, me.role)}</p>;
}

export function CaseFilePanel({
  caseFile,
  me,
  onChanged,
  members,
}: {
  caseFile: CaseFile;
  me: Me;
  onChanged(): void;
  /** A ring's member accounts (its disposition can be set on them too). */
  members?: readonly string[];
}) {
  const { target, timeline, items, state } = caseFile;
  const base = targetPath(target);
  const canAnnotate = mayCall(me.role, 'POST', `${base}/notes`);
  const canDispose = mayCall(me.role, 'POST', `${base}/disposition`);
  const changed = () => {
    timeline.reload();
    onChanged();
  };
  const subject = target.type === 'ring' ? 'ring' : 'account';

  return (
    <section className="case-file" aria-labelledby={`case-file-${target.type}`} data-testid="case-file">
      <h3 id={`case-file-${target.type}`}>Case file</h3>

      <div className="case-file__status" data-testid="case-status">
        <StatusBadge status={state.disposition} />
        <span className="muted small">{state.assignee ? `Assigned to ${state.assignee}` : 'Unassigned'}</span>
      </div>
      {canDispose ? (
        <DispositionForm
          target={target}
          current={state}
          username={me.username}
          onRecorded={changed}
          members={members}
        />
      ) : (
        <RoleHint me={me} needs={requiredRole('POST', `${base}/disposition`)} what="Setting the disposition" />
      )}

      <h4 className="case-file__label">Tags</h4>
      <TagsEditor target={target} tags={state.tags} editable={canAnnotate} onSaved={changed} />

      <h4 className="case-file__label">Notes and history</h4>
      {canAnnotate ? (
        <NoteEditor target={target} onSaved={changed} />
      ) : (
        <RoleHint
          me={me}
          needs={requiredRole('POST', `${base}/notes`)}
          what={`Adding notes and tags to this ${subject}`}
        />
      )}
      {timeline.error && (
        <p className="error small" role="alert">
          Could not load the timeline: {timeline.error.message}
        </p>
      )}
      {timeline.loading && !timeline.data ? (
        <p className="muted small">Loading the timeline…</p>
      ) : (
        <AnnotationTimeline items={items} noteActions={{ target, editable: canAnnotate, onChanged: changed }} />
      )}
    </section>
  );
}

/** The case file of a target whose record says nothing about its case (an account): the timeline alone decides. */
export function CaseFileSection({
  target,
  record = { disposition: 'new', assignee: null, tags: [] },
  me,
  onChanged,
}: {
  target: AnnotationTarget;
  record?: CaseState;
  me: Me;
  onChanged(): void;
}) {
  const caseFile = useCaseFile(target, record);
  return <CaseFilePanel caseFile={caseFile} me={me} onChanged={onChanged} />;
}
