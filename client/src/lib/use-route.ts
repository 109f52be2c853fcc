/**
 * The current route (lib/routes.ts) as React state, and `navigate` to change it. Navigating pushes a history entry, so
 * the browser's back and forward buttons move between views; `replace` swaps the current entry instead (the queue
 * opening its top ring on arrival must not trap the back button).
 */
import { useCallback, useMemo, useSyncExternalStore } from 'react';
import { parseRoute, routeHash, type Route } from './routes.ts';

const REPLACED = 'ringlens:route-replaced';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  window.addEventListener(REPLACED, onChange);
  return () => {
    window.removeEventListener('hashchange', onChange);
    window.removeEventListener(REPLACED, onChange);
  };
}

const currentHash = () => window.location.hash;

export function useRoute(): [Route, (route: Route, opts?: { replace?: boolean }) => void] {
  const hash = useSyncExternalStore(subscribe, currentHash);
  const navigate = useCallback((route: Route, { replace = false }: { replace?: boolean } = {}) => {
    const next = routeHash(route);
    if (next === window.location.hash) return;
    if (replace) {
      window.history.replaceState(window.history.state, '', next);
      window.dispatchEvent(new Event(REPLACED));
    } else {
      window.location.hash = next;
    }
  }, []);
  const route = useMemo(() => parseRoute(hash), [hash]);
  return [route, navigate];
}
