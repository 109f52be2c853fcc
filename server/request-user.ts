/**
 * Who is making the request, as set by the authentication middleware (res.locals.user). Routes that record an
 * author (annotations, exports, audit) read it here, never from the request body.
 */
import type { Response } from 'express';

export interface RequestUser {
  username: string;
  role: string;
}

export function userOf(res: Response): RequestUser {
  const user = res.locals.user as RequestUser | undefined;
  // Authentication runs before every data route, so a missing user is a wiring bug, not a client error.
  if (!user) throw new Error('No authenticated user on this request: is the auth middleware mounted?');
  return user;
}
