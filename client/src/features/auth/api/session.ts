/** Sign-in state: GET /api/auth/me, POST /api/auth/login, POST /api/auth/logout. */
import { z } from 'zod';
import { MeResponse, type Me } from '@contracts/auth.ts';
import { ApiError, apiGet, apiPost, setCsrfToken } from '../../../lib/api-client.ts';

export type { Me };

/** Who is signed in, or null when nobody is (401). */
export async function getMe(signal?: AbortSignal): Promise<Me | null> {
  try {
    const me = await apiGet('/api/auth/me', MeResponse, { signal });
    setCsrfToken(me.csrfToken ?? null);
    return me;
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return null;
    throw err;
  }
}

export async function login(username: string, password: string): Promise<Me> {
  const me = await apiPost('/api/auth/login', { username, password }, MeResponse);
  setCsrfToken(me.csrfToken ?? null);
  return me;
}

export async function logout(): Promise<void> {
  await apiPost('/api/auth/logout', {}, z.null());
  setCsrfToken(null);
}
