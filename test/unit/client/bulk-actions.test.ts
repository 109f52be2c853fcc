import { describe, expect, it } from 'vitest';
import { DISPOSITION_TRANSITIONS, DISPOSITIONS } from '../../../contracts/vocabulary.ts';
import { BULK_DISPOSITIONS, dispositionPath } from '../../../client/src/features/annotations/utils/disposition-path.ts';
import { menuTargets } from '../../../client/src/features/graph/components/node-menu.tsx';

describe('a bulk disposition walks each account along the workflow', () => {
  it('takes the shortest way, one recorded step each', () => {
    expect(dispositionPath('new', 'under_review')).toEqual(['under_review']);
    expect(dispositionPath('new', 'confirmed_fraud')).toEqual(['under_review', 'confirmed_fraud']);
    expect(dispositionPath('confirmed_fraud', 'false_positive')).toEqual(['under_review', 'false_positive']);
    expect(dispositionPath('escalated', 'confirmed_fraud')).toEqual(['confirmed_fraud']);
    expect(dispositionPath('under_review', 'under_review')).toEqual([]);
  });

  it('every step of every path is one the server allows; nothing leads back to new', () => {
    for (const from of DISPOSITIONS) {
      for (const to of BULK_DISPOSITIONS) {
        const path = dispositionPath(from, to);
        expect(path, `${from} → ${to}`).not.toBeNull();
        let at = from;
        for (const step of path!) {
          expect(DISPOSITION_TRANSITIONS[at]).toContain(step);
          at = step;
        }
        expect(at).toBe(to);
      }
      if (from !== 'new') expect(dispositionPath(from, 'new')).toBeNull();
    }
    expect(BULK_DISPOSITIONS).not.toContain('new');
  });
});

describe('the node menu acts on the selection when the node is part of it', () => {
  it('picks the selection or the node alone', () => {
    expect(menuTargets('a', ['a', 'b'])).toEqual(['a', 'b']);
    expect(menuTargets('c', ['a', 'b'])).toEqual(['c']);
    expect(menuTargets('a', ['a'])).toEqual(['a']);
    expect(menuTargets('a', [])).toEqual(['a']);
  });
});
