import { describe, expect, it } from 'vitest';
import { importProgress, type ImportProgress } from '../../../server/ingest/bulk-load.ts';

// neo4j-admin 5.26's own output (a 1M-account import), lines as it prints them.
const OUTPUT = `Neo4j version: 5.26.30
Importing the contents of these files into /tmp/x/data/databases/neo4j:
Nodes:
  [Account]:
  /tmp/x/csv/accounts.csv

Available resources:
  Total machine memory: 23.54GiB
Import starting 2026-12-04 01:53:20.453+0000
  Estimated number of nodes: 7.94 M
(1/4) Node import 2026-12-04 01:53:20.489+0000
  Estimated number of nodes: 7.94 M
.......... .......... .......... .......... ..........   5% ∆10s 44ms [10s 44ms]
.......... .......... .......... .......... ..........  10% ∆2s 825ms [12s 870ms]
Node import COMPLETED in 48s 813ms
(2/4) Relationship import 2026-12-04 01:54:09.314+0000
.......... .......... .......... .......... ..........  35% ∆2s 16ms [14s 887ms]
Relationship import COMPLETED in 3m 16s 104ms
(3/4) Relationship linking 2026-12-04 01:57:25.417+0000
Relationship linking COMPLETED in 25s 288ms
(4/4) Post processing 2026-12-04 01:57:50.706+0000
-......... .......... .......... .......... ..........   5% ∆5s 966ms [5s 966ms]
.......... .......... .......... .......... .......... 100% ∆0ms [3s 112ms]
Post processing COMPLETED in 14s 533ms

IMPORT DONE in 4m 52s 528ms.
Imported:
  7943472 nodes
Peak memory usage: 1.106GiB`;

describe("importProgress (neo4j-admin import's stages, from its output)", () => {
  it('follows the four stages and their percentages, and ignores everything else', () => {
    const seen: ImportProgress[] = [];
    let at: ImportProgress | undefined;
    for (const line of OUTPUT.split('\n')) {
      const next = importProgress(line, at);
      if (next) seen.push(next);
      at = next ?? at;
    }
    const short = seen.map((p) => `${p.stage}/${p.stages} ${p.name} ${p.percent}`);
    expect(short).toEqual([
      '1/4 Node import 0',
      '1/4 Node import 5',
      '1/4 Node import 10',
      '1/4 Node import 100',
      '2/4 Relationship import 0',
      '2/4 Relationship import 35',
      '2/4 Relationship import 100',
      '3/4 Relationship linking 0',
      '3/4 Relationship linking 100',
      '4/4 Post processing 0',
      '4/4 Post processing 5',
      '4/4 Post processing 100',
      '4/4 Post processing 100',
    ]);
  });

  it('says nothing before the first stage', () => {
    expect(importProgress('.......... ..........   5% ∆10s 44ms [10s 44ms]')).toBeUndefined();
    expect(importProgress('Import starting 2026-12-04 01:53:20.453+0000')).toBeUndefined();
  });
});
