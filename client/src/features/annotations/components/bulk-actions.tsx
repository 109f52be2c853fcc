/**
 * Actions on many nodes at once — a selection on the canvas, or every member of the open ring: expand, hide, select
 * them on the canvas, set the disposition (with assignee and comment) and add tags. Disposition and tags go to each
 * account through the annotations API (api/bulk-annotate.ts), so each account's case file and the audit trail record
 * them; identifiers in the selection are expanded and hidden but carry no case. What failed is listed per account.
 */
import { useId, useState, type FormEvent } from 'react';
import type { Me } from '@contracts/auth.ts';
import { parseNodeId } from '@contracts/element-ids.ts';
import { statusText } from '../../../components/ring-badges.tsx';
import { plural } from '../../../lib/format.ts';
import { mayCall, needsRoleText, requiredRole } from '../../../lib/permissions.ts';
import type { Disposition } from '../utils/disposition.ts';
import type { GraphController } from '../../graph/hooks/use-graph-controller.ts';
import { bulkAddTags, bulkDisposition, type BulkOutcome } from '../api/bulk-annotate.ts';
import { BULK_DISPOSITIONS } from '../utils/disposition-path.ts';

const TAG = /^[\p{L}\p{N} _.:-]{1,40}$/u;

function summary(what: string, o: BulkOutcome): string {
  const parts = [`${what}: ${plural(o.changed.length, 'account')} changed`];
  if (o.unchanged.length > 0) parts.push(`${o.unchanged.length} already so`);
  if (o.failed.length > 0) parts.push(`${o.failed.length} failed`);
  return parts.join(', ');
}

export function BulkActions({
  title,
  nodeIds,
  graph,
  me,
  onChanged,
  selectOnCanvas = false,
}: {
  title: string;
  /** Graph node ids (`account:acc-1`, `device:fp-1`). */
  nodeIds: readonly string[];
  graph: GraphController;
  me: Me;
  /** A case changed (the queue and open case files read again). */
  onChanged(): void;
  /** Offer "Select on the canvas" (for a ring's members, which are not a canvas selection yet). */
  selectOnCanvas?: boolean;
}) {
  const uid = useId();
  const { state, actions } = graph;
  const accounts = nodeIds.flatMap((id) => {
    const p = parseNodeId(id);
    return p?.kind === 'account' ? [p.key] : [];
  });
  const doc = state.history.present.doc;
  const onCanvas = nodeIds.filter((id) => doc.nodes.has(id) && !doc.hidden.has(id));
  const [disposition, setDisposition] = useState<Disposition>('under_review');
  const [assignee, setAssignee] = useState('');
  const [comment, setComment] = useState('');
  const [tag, setTag] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<{ text: string; failed: BulkOutcome['failed'] } | null>(null);
  const canDispose = mayCall(me.role, 'POST', '/accounts/x/disposition');
  const canTag = mayCall(me.role, 'PUT', '/accounts/x/tags');

  const run = async (what: string, work: (progress: (n: number) => void) => Promise<BulkOutcome>) => {
    setOutcome(null);
    setBusy(`${what}: 0 of ${accounts.length}…`);
    try {
      const o = await work((n) => setBusy(`${what}: ${n} of ${accounts.length}…`));
      setOutcome({ text: summary(what, o), failed: o.failed });
      if (o.changed.length > 0) onChanged();
    } finally {
      setBusy(null);
    }
  };
  const applyDisposition = (e: FormEvent) => {
    e.preventDefault();
    void run(statusText(disposition), (progress) =>
      bulkDisposition(
        accounts,
        { disposition, assignee: assignee.trim() || null, comment: comment.trim() || null },
        progress,
      ),
    );
  };
  const tagValid = TAG.test(tag.trim());
  const addTag = (e: FormEvent) => {
    e.preventDefault();
    if (!tagValid) return;
    const t = tag.trim();
    void run(`Tag “${t}”`, (progress) => bulkAddTags(accounts, [t], progress)).then(() => setTag(''));
  };
  const expandAll = async () => {
    for (const id of onCanvas) await actions.expand(id, { confirmed: true });
  };

  return (
    <section className="panel-section bulk" data-testid="bulk-actions" aria-labelledby={`${uid}-title`}>
      <h3 id={`${uid}-title`}>{title}</h3>
      <p className="muted small">
        {plural(accounts.length, 'account')}
        {nodeIds.length > accounts.length ? ` and ${plural(nodeIds.length - accounts.length, 'identifier')}` : ''}
        {onCanvas.length < nodeIds.length ? ` (${onCanvas.length} on the canvas)` : ''}
      </p>
      <div className="bulk__row" role="group" aria-label="On the canvas">
        {selectOnCanvas && (
          <button
            type="button"
            className="small"
            disabled={onCanvas.length === 0}
            onClick={() => actions.setSelection(onCanvas)}
          >
            Select on the canvas
          </button>
        )}
        <button
          type="button"
          className="small"
          disabled={onCanvas.length === 0 || !!busy}
          onClick={() => void expandAll()}
        >
          Expand {onCanvas.length}
        </button>
        <button type="button" className="small" disabled={onCanvas.length === 0} onClick={() => actions.hide(onCanvas)}>
          Hide {onCanvas.length}
        </button>
      </div>
      {accounts.length > 0 &&
        (canDispose ? (
          <form className="bulk__form" onSubmit={applyDisposition} aria-label="Set the disposition of these accounts">
            <span className="bulk__field">
              <label htmlFor={`${uid}-disposition`}>Disposition</label>
              <select
                id={`${uid}-disposition`}
                value={disposition}
                onChange={(e) => setDisposition(e.target.value as Disposition)}
              >
                {BULK_DISPOSITIONS.map((d) => (
                  <option key={d} value={d}>
                    {statusText(d)}
                  </option>
                ))}
              </select>
            </span>
            <span className="bulk__field">
              <label htmlFor={`${uid}-assignee`}>Assign to</label>
              <input
                id={`${uid}-assignee`}
                value={assignee}
                onChange={(e) => setAssignee(e.target.value)}
                placeholder="keep"
                maxLength={100}
              />
            </span>
            <span className="bulk__field bulk__wide">
              <label htmlFor={`${uid}-comment`}>Comment</label>
              <input
                id={`${uid}-comment`}
                value={comment}
                onChange={(e) => setComment(e.target.value)}
                maxLength={5000}
              />
            </span>
            <button type="submit" className="primary small" disabled={!!busy}>
              Set on {plural(accounts.length, 'account')}
            </button>
          </form>
        ) : (
          <p className="hint role-hint">
            {needsRoleText('Setting the disposition', requiredRole('POST', '/accounts/x/disposition'), me.role)}
          </p>
        ))}
      {accounts.length > 0 && canTag && (
        <form className="bulk__form" onSubmit={addTag} aria-label="Tag these accounts together">
          <span className="bulk__field bulk__wide">
            <label htmlFor={`${uid}-tag`}>Add tag</label>
            <input
              id={`${uid}-tag`}
              value={tag}
              onChange={(e) => setTag(e.target.value)}
              maxLength={40}
              aria-invalid={tag !== '' && !tagValid}
            />
          </span>
          <button type="submit" className="small" disabled={!!busy || !tagValid}>
            Tag {plural(accounts.length, 'account')}
          </button>
        </form>
      )}
      <p className="small" role="status" data-testid="bulk-status">
        {busy ?? outcome?.text ?? ''}
      </p>
      {outcome && outcome.failed.length > 0 && (
        <ul className="bulk__failed error small">
          {outcome.failed.map((f) => (
            <li key={f.id}>
              {f.id}: {f.message}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
