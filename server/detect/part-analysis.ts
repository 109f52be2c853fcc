/**
 * Per-part analysis: the second of detection's two stages (partition.ts is the first). Given one part — a connected
 * component of the strong-tie graph — it returns the findings in it: the whole part when it has at most
 * wholePartMaxSize accounts (a chain A–B–C–… tied by devices, cards, mailboxes and phones is one ring however sparse:
 * modularity would cut it into pieces), otherwise the communities Louvain finds in it (with the connectivity,
 * resolution-limit and trimming repairs of communities.ts and the pivot merge of ring-repair.ts). Findings of two
 * accounts are pairs, kept only when a strong identifier joins them. Reads nothing outside the part's rows of the
 * projection, so parts can be analysed in any order or on different workers.
 */
import { Partitioner, type ComponentStats, type CommunityCounts } from './communities.ts';
import { strongTie } from './partition.ts';
import type { Projection } from './projection-graph.ts';
import { mergeAtPivots, type IdentifierIncidence } from './ring-repair.ts';
import type { DetectionSettings } from './settings.ts';

export interface PartFindings {
  /** Node lists sorted by account id, each of at least two accounts. */
  findings: number[][];
  /** Louvain statistics when the part was too big to keep whole. */
  stats?: ComponentStats;
  pivotMerges: number;
}

export class PartAnalyser {
  private readonly partitioner: Partitioner;
  private readonly membership: Int32Array;
  private readonly incidence: IdentifierIncidence;

  constructor(
    private readonly projection: Projection,
    private readonly settings: DetectionSettings,
  ) {
    this.partitioner = new Partitioner(projection.adjacency, {
      resolution: settings.resolution,
      seed: settings.seed,
      minRingSize: settings.minRingSize,
      refineDepth: settings.refineDepth,
      exactPartitionMaxSize: settings.exactPartitionMaxSize,
      trimMinWeight: settings.trimMinWeight,
    });
    this.membership = new Int32Array(projection.order);
    // Generic identifiers are no pivots: they are no evidence that two groups are run by the same hands.
    const empty = new Int32Array(0);
    this.incidence = {
      identifiersOf: (node) => projection.identifiersOf(node),
      membersOf: (i) => (projection.isGeneric(i) ? empty : projection.membersOf(i)),
      identifierKind: (i) => projection.identifierKind(i),
    };
  }

  /** Louvain/exact-partition counters of the parts analysed so far. */
  get counts(): CommunityCounts {
    return this.partitioner.counts;
  }

  /** `part`: node indices sorted by account id (as partitionAccounts returns them). */
  analyse(part: readonly number[]): PartFindings {
    if (part.length <= this.settings.wholePartMaxSize) {
      return { findings: this.keep([part.slice()]), pivotMerges: 0 };
    }
    const found = this.partitioner.partitionComponent(part.slice());
    const pivots = mergeAtPivots(this.incidence, found.parts, this.settings, this.membership);
    const ids = this.projection.adjacency.ids;
    const parts = pivots.parts.map((p) => p.sort((a, b) => compare(ids[a], ids[b])));
    return { findings: this.keep(parts), stats: found.stats, pivotMerges: pivots.merges };
  }

  /** Findings of ≥ 2 accounts; pairs only when enabled and tied by a strong identifier. */
  private keep(parts: number[][]): number[][] {
    const out: number[][] = [];
    for (const part of parts) {
      if (part.length >= this.settings.minRingSize) out.push(part);
      else if (part.length === 2 && this.settings.pairs && this.strongPair(part[0], part[1])) out.push(part);
    }
    return out;
  }

  private strongPair(a: number, b: number): boolean {
    return strongTie(this.projection, a, b, this.settings);
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
