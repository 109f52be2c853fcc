import { Router } from 'express';
import type { Db } from '../db/database.ts';

export const RINGLENS_VERSION = '0.1.0';

/** GET /api/health: is Neo4j reachable, which version and edition. Never requires authentication. */
export function healthRoutes(db: Db): Router {
  const router = Router();
  router.get('/health', async (_req, res) => {
    try {
      const info = await db.serverInfo();
      res.json({ status: 'ok', ringlens: RINGLENS_VERSION, neo4j: { connected: true, ...info } });
    } catch (err) {
      let message = 'Neo4j is unreachable.';
      try {
        await db.verify();
      } catch (e) {
        message = (e as Error).message;
      }
      void err;
      res
        .status(503)
        .json({ status: 'degraded', ringlens: RINGLENS_VERSION, neo4j: { connected: false, error: message } });
    }
  });
  return router;
}
