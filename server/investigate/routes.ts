/**
 * The graph-exploration API behind the investigator web app:
 *   GET  /api/nodes/:kind/:id                node details
 *   GET  /api/nodes/:kind/:id/neighbors      a capped, cursor-paged page of neighbours (+ total and counts by kind)
 *   GET  /api/search?q=                      accounts by id, identifiers by normalised value
 *   GET  /api/paths?from=&to=&maxHops=       shortest paths between two accounts, with each identifier's rarity
 *   POST /api/subgraph {nodes}               the links among a set of nodes (ring graphs, links between expansions)
 * Every parameter is parsed with zod; a bad one is a 400 naming its field.
 */
import { Router } from 'express';
import type { Db } from '../db/database.ts';
import { fromZodIssues } from '../errors.ts';
import {
  neighborsQuerySchema,
  nodeParamsSchema,
  pathsQuerySchema,
  searchQuerySchema,
  subgraphBodySchema,
} from '../../contracts/investigate-requests.ts';
import { InvestigateService } from './service.ts';

function parse<T>(
  where: string,
  schema: {
    safeParse(
      v: unknown,
    ):
      | { success: true; data: T }
      | { success: false; error: { issues: Array<{ path: PropertyKey[]; message: string }> } };
  },
  value: unknown,
): T {
  const r = schema.safeParse(value);
  if (!r.success) throw fromZodIssues(where, r.error.issues);
  return r.data;
}

export function investigateRoutes(db: Db): Router {
  const service = new InvestigateService(db);
  const router = Router();

  router.get('/nodes/:kind/:id', async (req, res) => {
    const p = parse('path', nodeParamsSchema, req.params);
    res.json(await service.nodeDetails(p.kind, p.id));
  });

  router.get('/nodes/:kind/:id/neighbors', async (req, res) => {
    const p = parse('path', nodeParamsSchema, req.params);
    const q = parse('query', neighborsQuerySchema, req.query);
    res.json(await service.neighbors(p.kind, p.id, q));
  });

  router.get('/search', async (req, res) => {
    const q = parse('query', searchQuerySchema, req.query);
    res.json(await service.search(q.q, q.limit));
  });

  router.get('/paths', async (req, res) => {
    const q = parse('query', pathsQuerySchema, req.query);
    res.json(await service.paths(q));
  });

  router.post('/subgraph', async (req, res) => {
    const b = parse('body', subgraphBodySchema, req.body ?? {});
    res.json(await service.subgraph(b.nodes));
  });

  return router;
}
