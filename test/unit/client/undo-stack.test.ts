import { describe, expect, it } from 'vitest';
import {
  canRedo,
  canUndo,
  createUndoStack,
  push,
  redo,
  replacePresent,
  undo,
} from '../../../client/src/features/graph/utils/undo-stack.ts';

describe('undo stack', () => {
  it('undoes and redoes in order', () => {
    let s = createUndoStack('a');
    s = push(push(s, 'b'), 'c');
    expect(s.present).toBe('c');
    s = undo(s);
    expect(s.present).toBe('b');
    s = undo(s);
    expect(s.present).toBe('a');
    expect(canUndo(s)).toBe(false);
    expect(undo(s)).toBe(s);
    s = redo(redo(s));
    expect(s.present).toBe('c');
    expect(canRedo(s)).toBe(false);
    expect(redo(s)).toBe(s);
  });

  it('a new change after undo discards the redo branch', () => {
    const s = push(undo(push(push(createUndoStack(1), 2), 3)), 4);
    expect(s).toMatchObject({ past: [1, 2], present: 4, future: [] });
  });

  it('pushing the present itself records nothing', () => {
    const s = push(createUndoStack('a'), 'b');
    expect(push(s, 'b')).toBe(s);
  });

  it('keeps at most `limit` past states, dropping the oldest', () => {
    let s = createUndoStack(0, 3);
    for (let i = 1; i <= 5; i++) s = push(s, i);
    expect(s.past).toEqual([2, 3, 4]);
    expect(() => createUndoStack(0, 0)).toThrow('limit must be a whole number of at least 1, got 0.');
  });

  it('is immutable: earlier stacks are unchanged', () => {
    const a = push(createUndoStack('x'), 'y');
    const b = undo(a);
    expect(a.present).toBe('y');
    expect(b.present).toBe('x');
    expect(replacePresent(a, 'z')).toMatchObject({ past: ['x'], present: 'z', future: [] });
  });
});
