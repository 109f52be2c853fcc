/** Account ids starting with what was typed, for the autocomplete of "Why linked?" (GET /api/search). */
import { useEffect, useState } from 'react';
import { searchResponseSchema } from '@contracts/investigate.ts';
import { apiGet } from '../../../lib/api-client.ts';

const DEBOUNCE_MS = 200;

export function useAccountSuggestions(text: string): string[] {
  const [ids, setIds] = useState<string[]>([]);
  useEffect(() => {
    const q = text.trim();
    if (q.length < 2) {
      setIds([]);
      return undefined;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      apiGet('/api/search', searchResponseSchema, { params: { q, limit: 20 }, signal: controller.signal }).then(
        (res) => setIds(res.results.filter((r) => r.node.kind === 'account').map((r) => r.node.key)),
        () => setIds([]),
      );
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [text]);
  return ids;
}
