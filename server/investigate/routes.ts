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
import { parseInput } from '../errors.ts';
import {
  neighborsQuerySchema,
  nodeParamsSchema,
  pathsQuerySchema,
  searchQuerySchema,
  subgraphBodySchema,
} from '../../contracts/investigate-requests.ts';
import { InvestigateService } from './service.ts';

export function investigateRoutes(db: Db): Router {
  const service = new InvestigateService(db);
  const router = Router();

  router.get('/nodes/:kind/:id', async (req, res) => {
    const p = parseInput(nodeParamsSchema, req.params, 'path');
    res.json(await service.nodeDetails(p.kind, p.id));
  });

  router.get('/nodes/:kind/:id/neighbors', async (req, res) => {
    const p = parseInput(nodeParamsSchema, req.params, 'path');
    const q = parseInput(neighborsQuerySchema, req.query, 'query');
    res.json(await service.neighbors(p.kind, p.id, q));
  });

  router.get('/search', async (req, res) => {
    const q = parseInput(searchQuerySchema, req.query, 'query');
    res.json(await service.search(q.q, q.limit));
  });

  router.get('/paths', async (req, res) => {
    const q = parseInput(pathsQuerySchema, req.query, 'query');
    res.json(await service.paths(q));
  });

  router.post('/subgraph', async (req, res) => {
    const b = parseInput(subgraphBodySchema, req.body ?? {}, 'body');
    res.json(await service.subgraph(b.nodes));
  });

  return router;
}
