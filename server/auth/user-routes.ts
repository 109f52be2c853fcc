/**
 * User management (admin; see policy.ts):
 *   GET    /api/users              every user with role, state and number of usable tokens
 *   POST   /api/users              {username, role, password?} → 201; a generated password is returned once
 *   PATCH  /api/users/:username    {role?, disabled?, resetPassword?} (disabling or resetting ends their sessions;
 *                                  resetting also revokes their API tokens)
 *   DELETE /api/users/:username    removes the user, their sessions and tokens
 * The last enabled admin cannot be demoted, disabled or removed (409). All but GET need a browser session signed in
 * within the last AuthSettings.freshSessionMs (policy.ts `freshSession`): no API token manages users.
 */
import { Router } from 'express';
import { audit, type AuditLog } from '../audit/service.ts';
import { parseInput } from '../errors.ts';
import { UserCreateBody, UsernameParam, UserUpdateBody } from '../../contracts/auth.ts';
import type { AuthService } from './service.ts';
import type { SessionStore } from './sessions.ts';

export function userRoutes(auth: AuthService, sessions: SessionStore, auditLog: AuditLog): Router {
  const router = Router();

  router.get('/users', async (_req, res) => {
    res.json({ items: await auth.listUsers() });
  });

  router.post('/users', async (req, res) => {
    const body = parseInput(UserCreateBody, req.body ?? {}, 'body');
    const { password } = await auth.createUser(body.username, body.role, body.password);
    await audit(auditLog, req, {
      action: 'user.create',
      objectType: 'user',
      objectId: body.username,
      details: { role: body.role },
    });
    res.status(201).json({ username: body.username, role: body.role, ...(body.password ? {} : { password }) });
  });

  router.patch('/users/:username', async (req, res) => {
    const { username } = parseInput(UsernameParam, req.params, 'path');
    const body = parseInput(UserUpdateBody, req.body ?? {}, 'body');
    let user = await auth.getUser(username);
    if (body.role !== undefined || body.disabled !== undefined) {
      const updated = await auth.updateUser(username, { role: body.role, disabled: body.disabled });
      if (body.disabled) await sessions.destroyUserSessions(username);
      await audit(auditLog, req, {
        action: 'user.update',
        objectType: 'user',
        objectId: username,
        details: {
          from: { role: user.role, disabled: user.disabled },
          to: { role: updated.role, disabled: updated.disabled },
        },
      });
      user = updated;
    }
    let password: string | undefined;
    if (body.resetPassword) {
      const reset = await auth.resetPassword(username);
      password = reset.password;
      await sessions.destroyUserSessions(username);
      await audit(auditLog, req, {
        action: 'user.password.reset',
        objectType: 'user',
        objectId: username,
        details: { revokedTokens: reset.revokedTokens },
      });
    }
    res.json({ username, role: user.role, disabled: user.disabled, ...(password ? { password } : {}) });
  });

  router.delete('/users/:username', async (req, res) => {
    const { username } = parseInput(UsernameParam, req.params, 'path');
    await auth.removeUser(username);
    await audit(auditLog, req, { action: 'user.remove', objectType: 'user', objectId: username });
    res.status(204).end();
  });

  return router;
}
