/**
 * State for a user action that calls the API (save a note, export a file): whether it is running and the message
 * of its last failure. `run` resolves to the action's result, or undefined when it failed.
 */
import { useCallback, useState } from 'react';

export interface ActionState {
  busy: boolean;
  error: Error | null;
  run<T>(work: () => Promise<T>): Promise<T | undefined>;
  clearError(): void;
}

export function useAction(): ActionState {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const run = useCallback(async <T>(work: () => Promise<T>): Promise<T | undefined> => {
    setBusy(true);
    setError(null);
    try {
      return await work();
    } catch (err) {
      setError(err as Error);
      return undefined;
    } finally {
      setBusy(false);
    }
  }, []);
  const clearError = useCallback(() => setError(null), []);
  return { busy, error, run, clearError };
}
