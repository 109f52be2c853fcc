/**
 * A pure undo/redo history (past, present, future), as in Redux's "implementing undo history": every change pushes
 * the present onto the past and clears the future. Values are never mutated, so a stack can be compared, logged and
 * tested like any other value.
 */
export interface UndoStack<T> {
  readonly past: readonly T[];
  readonly present: T;
  readonly future: readonly T[];
  /** How many past states are kept; the oldest are dropped first. */
  readonly limit: number;
}

export const UNDO_DEFAULTS = { limit: 100 };

export function createUndoStack<T>(present: T, limit = UNDO_DEFAULTS.limit): UndoStack<T> {
  if (!Number.isInteger(limit) || limit < 1)
    throw new Error(`limit must be a whole number of at least 1, got ${limit}.`);
  return { past: [], present, future: [], limit };
}

/** Records `next` as the new present; a no-op when it is the present itself. */
export function push<T>(stack: UndoStack<T>, next: T): UndoStack<T> {
  if (Object.is(next, stack.present)) return stack;
  const past = [...stack.past, stack.present];
  return {
    ...stack,
    past: past.length > stack.limit ? past.slice(past.length - stack.limit) : past,
    present: next,
    future: [],
  };
}

export function undo<T>(stack: UndoStack<T>): UndoStack<T> {
  if (stack.past.length === 0) return stack;
  const previous = stack.past[stack.past.length - 1] as T;
  return { ...stack, past: stack.past.slice(0, -1), present: previous, future: [stack.present, ...stack.future] };
}

export function redo<T>(stack: UndoStack<T>): UndoStack<T> {
  if (stack.future.length === 0) return stack;
  const [next, ...future] = stack.future as [T, ...T[]];
  return { ...stack, past: [...stack.past, stack.present], present: next, future };
}

/** Replaces the present without recording history (e.g. data refreshed in place). */
export function replacePresent<T>(stack: UndoStack<T>, present: T): UndoStack<T> {
  return { ...stack, present };
}

export function canUndo(stack: UndoStack<unknown>): boolean {
  return stack.past.length > 0;
}

export function canRedo(stack: UndoStack<unknown>): boolean {
  return stack.future.length > 0;
}
