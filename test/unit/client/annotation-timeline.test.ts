import { describe, expect, it } from 'vitest';
import type { TimelineEntry } from '../../../contracts/annotations.ts';
import {
  caseState,
  groupTimeline,
  inheritedText,
  type NoteThread,
} from '../../../client/src/features/annotations/utils/timeline.ts';

let n = 0;
function entry(over: Partial<TimelineEntry>): TimelineEntry {
  n++;
  return {
    id: `a${n}`,
    targetType: 'ring',
    targetId: 'ring-aaaaaa',
    kind: 'note',
    noteId: null,
    version: 1,
    body: null,
    format: null,
    tags: null,
    disposition: null,
    previousDisposition: null,
    assignee: null,
    author: 'alice',
    at: `2026-11-0${n % 9}T00:00:00.000Z`,
    superseded: false,
    inheritedFrom: null,
    via: null,
    ...over,
  };
}

const at = (day: number, h = 0) => new Date(Date.UTC(2026, 10, day, h)).toISOString();

describe('annotation timeline', () => {
  it('groups every version of a note into one thread, newest activity first', () => {
    const v1 = entry({ id: 'n1v1', noteId: 'n1', version: 1, body: 'first', superseded: true, at: at(1) });
    const tags = entry({ id: 't1', kind: 'tags', tags: ['farm'], at: at(2) });
    const other = entry({ id: 'n2v1', noteId: 'n2', version: 1, body: 'other', at: at(3) });
    const v2 = entry({ id: 'n1v2', noteId: 'n1', version: 2, body: 'second', superseded: true, at: at(4) });
    const v3 = entry({ id: 'n1v3', noteId: 'n1', version: 3, body: 'third', at: at(5) });
    const items = groupTimeline([v1, tags, other, v2, v3]);
    expect(items.map((i) => (i.kind === 'note' ? i.noteId : i.entry.id))).toEqual(['n1', 'n2', 't1']);
    const thread = items[0] as NoteThread;
    expect(thread.versions.map((v) => v.id)).toEqual(['n1v1', 'n1v2', 'n1v3']);
    expect(thread.latest.body).toBe('third');
    expect(thread.at).toBe(at(5));
  });

  it('drops an ancestor’s event reached along two paths and says where inherited events came from', () => {
    const inherited = entry({
      id: 'x',
      kind: 'disposition',
      disposition: 'confirmed_fraud',
      inheritedFrom: 'ring-bbbbbb',
      via: ['split'],
      at: at(1),
    });
    const again = { ...inherited, via: ['merge', 'split'] };
    const items = groupTimeline([inherited, again]);
    expect(items).toHaveLength(1);
    expect(inheritedText(items[0]!)).toBe('from ring ring-bbbbbb (split)');
    expect(inheritedText({ inheritedFrom: 'ring-c', via: ['merge', 'split'] })).toBe(
      'from ring ring-c (merge, then split)',
    );
    expect(inheritedText({ inheritedFrom: null, via: null })).toBeNull();
  });

  it('orders events at the same instant newest-recorded first', () => {
    const a = entry({ id: 'a', kind: 'disposition', disposition: 'under_review', at: at(1) });
    const b = entry({ id: 'b', kind: 'disposition', disposition: 'confirmed_fraud', at: at(1) });
    expect(groupTimeline([a, b]).map((i) => (i.kind === 'note' ? '' : i.entry.id))).toEqual(['b', 'a']);
  });

  it('takes the case state from the newest own events, else from the record', () => {
    const fallback = { disposition: 'escalated', assignee: 'carol', tags: ['old'] };
    expect(caseState([], fallback)).toEqual(fallback);
    const inherited = entry({
      kind: 'disposition',
      disposition: 'confirmed_fraud',
      assignee: 'dave',
      inheritedFrom: 'ring-b',
      at: at(9),
    });
    expect(caseState([inherited], fallback)).toEqual(fallback);
    const own = [
      entry({ kind: 'disposition', disposition: 'under_review', assignee: 'bob', at: at(1) }),
      entry({ kind: 'tags', tags: ['farm', 'q4'], at: at(2) }),
      entry({ kind: 'disposition', disposition: 'false_positive', assignee: null, at: at(3) }),
      inherited,
    ];
    expect(caseState(own, fallback)).toEqual({ disposition: 'false_positive', assignee: null, tags: ['farm', 'q4'] });
  });
});
