import { Router } from 'express';
import type { Health } from '../../contracts/health.ts';
import { DbConnectError, type Db } from '../db/database.ts';

export const RINGLENS_VERSION = '0.1.0';

/** GET /api/health: is Neo4j reachable, which version and edition. Never requires authentication. */
export function healthRoutes(db: Db): Router {
  const router = Router();
  router.get('/health', async (_req, res) => {
    try {
      // verify() fails at once with the reason (unreachable, wrong password); queries would first retry for a while.
      await db.verify();
      const info = await db.serverInfo();
      const health: Health = { status: 'ok', ringlens: RINGLENS_VERSION, neo4j: { connected: true, ...info } };
      res.json(health);
    } catch (err) {
      const message = err instanceof DbConnectError ? err.message : 'Neo4j is unreachable.';
      const health: Health = {
        status: 'degraded',
        ringlens: RINGLENS_VERSION,
        neo4j: { connected: false, error: message },
      };
      res.status(503).json(health);
    }
  });
  return router;
}
