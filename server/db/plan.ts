/**
 * Query plans as plain values: what `EXPLAIN` / `PROFILE` report, flattened to one step per operator (depth first),
 * so tests and benchmarks can check how a query reads the graph (an index seek, not a scan) and what it costs in
 * database hits, without timing anything.
 */
import neo4j from 'neo4j-driver';
import type { Plan, ProfiledPlan } from 'neo4j-driver';

export interface PlanStep {
  /** The operator without its runtime suffix: 'NodeUniqueIndexSeek(Locking)', 'Expand(Into)', 'Create', … */
  operator: string;
  /** The operator's details as Neo4j prints them (pattern, index, predicate); '' when it has none. */
  details: string;
  depth: number;
  /** PROFILE only: database hits of this operator and the rows it produced (0 for EXPLAIN). */
  dbHits: number;
  rows: number;
}

export interface QueryPlan {
  steps: PlanStep[];
  /** Sum of every operator's database hits (PROFILE; 0 for EXPLAIN). */
  dbHits: number;
}

function num(v: unknown): number {
  if (neo4j.isInt(v)) return v.toNumber();
  return typeof v === 'number' ? v : 0;
}

export function flattenPlan(root: Plan | ProfiledPlan | false): QueryPlan {
  const steps: PlanStep[] = [];
  const visit = (p: Plan | ProfiledPlan, depth: number): void => {
    const args = p.arguments as Record<string, unknown>;
    const details = args['Details'];
    steps.push({
      operator: p.operatorType.replace(/@.*$/, ''),
      details: typeof details === 'string' ? details : '',
      depth,
      dbHits: 'dbHits' in p ? num(p.dbHits) : 0,
      rows: 'rows' in p ? num(p.rows) : 0,
    });
    for (const c of p.children) visit(c, depth + 1);
  };
  if (root) visit(root, 0);
  return { steps, dbHits: steps.reduce((s, x) => s + x.dbHits, 0) };
}
