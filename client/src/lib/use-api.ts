/**
 * A small data-fetching hook: runs `load` whenever `key` changes, aborts the previous request, and exposes
 * { data, error, loading, reload }. Enough for this app's reads without a caching library.
 */
import { useCallback, useEffect, useRef, useState } from 'react';

export interface ApiState<T> {
  data: T | undefined;
  error: Error | undefined;
  loading: boolean;
  reload(): void;
}

/**
 * `keepPrevious` keeps showing the last data while the next request runs (paging a table); otherwise a new key
 * starts empty, so a panel never shows one node's details under another's title. A reload (same key) always keeps the
 * data on screen until the new answer arrives.
 */
export function useApi<T>(
  key: string | null,
  load: (signal: AbortSignal) => Promise<T>,
  { keepPrevious = false }: { keepPrevious?: boolean } = {},
): ApiState<T> {
  const [state, setState] = useState<{ data?: T; error?: Error; loading: boolean }>({ loading: key !== null });
  const [nonce, setNonce] = useState(0);
  const lastKey = useRef(key);
  useEffect(() => {
    const reloading = lastKey.current === key;
    lastKey.current = key;
    if (key === null) {
      setState({ loading: false });
      return undefined;
    }
    const controller = new AbortController();
    setState((s) => ({ data: keepPrevious || reloading ? s.data : undefined, loading: true }));
    load(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ data, loading: false });
      },
      (error: Error) => {
        if (!controller.signal.aborted) setState({ error, loading: false });
      },
    );
    return () => controller.abort();
    // `load` is recreated on every render; the key says when the request changes.
  }, [key, nonce]);
  const reload = useCallback(() => setNonce((n) => n + 1), []);
  return { data: state.data, error: state.error, loading: state.loading, reload };
}
