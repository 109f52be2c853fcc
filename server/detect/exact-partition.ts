/**
 * Exact modularity maximisation for graphs of a handful of nodes, by enumerating every set partition as a restricted
 * growth string (Bell(6) = 203 partitions, Bell(8) = 4140). Maximising modularity is NP-hard in general (Brandes et al.
 * 2008, "On modularity clustering"), hence Louvain for anything larger; but a marketplace projection is mostly tiny
 * components (households, couples, a few friends), and scoring their few partitions directly is far cheaper than
 * building a graphology graph and running Louvain on it, and gives the true optimum of the same objective.
 */

/**
 * Labels (0-based, in first-appearance order) of a partition of `n` nodes maximising Q = Σ_c [in_c/2m − γ(tot_c/2m)²]
 * for the undirected edges (sources[e], targets[e], weights[e]). Ties go to the lexicographically smallest labelling;
 * in particular the unsplit group wins every tie, so a group is only split when splitting strictly helps.
 */
export function bestPartition(
  n: number,
  sources: readonly number[],
  targets: readonly number[],
  weights: readonly number[],
  resolution: number,
): Int32Array {
  if (n > 10) throw new Error(`bestPartition enumerates partitions and only accepts up to 10 nodes, not ${n}.`);
  const degree = new Float64Array(n);
  let twoM = 0;
  for (let e = 0; e < weights.length; e++) {
    degree[sources[e]] += weights[e];
    degree[targets[e]] += weights[e];
    twoM += 2 * weights[e];
  }
  const best = new Int32Array(n);
  if (twoM === 0) {
    for (let i = 0; i < n; i++) best[i] = i;
    return best;
  }
  const labels = new Int32Array(n);
  const inside = new Float64Array(n);
  const total = new Float64Array(n);
  let bestQ = -Infinity;

  const evaluate = (communities: number): void => {
    inside.fill(0, 0, communities);
    total.fill(0, 0, communities);
    for (let i = 0; i < n; i++) total[labels[i]] += degree[i];
    for (let e = 0; e < weights.length; e++) {
      const c = labels[sources[e]];
      if (c === labels[targets[e]]) inside[c] += 2 * weights[e];
    }
    let q = 0;
    for (let c = 0; c < communities; c++) q += inside[c] / twoM - resolution * (total[c] / twoM) ** 2;
    if (q > bestQ + 1e-12) {
      bestQ = q;
      best.set(labels);
    }
  };

  const assign = (i: number, used: number): void => {
    if (i === n) {
      evaluate(used);
      return;
    }
    for (let c = 0; c <= used; c++) {
      labels[i] = c;
      assign(i + 1, c === used ? used + 1 : used);
    }
  };
  if (n === 0) return best;
  labels[0] = 0;
  assign(1, 1);
  // A node without edges adds nothing to Q wherever it goes; give it its own community rather than the tie's.
  let next = Math.max(...best) + 1;
  for (let i = 0; i < n; i++) if (degree[i] === 0) best[i] = next++;
  return relabel(best);
}

/** Renumbers labels 0, 1, 2… in order of first appearance. */
function relabel(labels: Int32Array): Int32Array {
  const seen = new Map<number, number>();
  return labels.map((label) => {
    let next = seen.get(label);
    if (next === undefined) seen.set(label, (next = seen.size));
    return next;
  });
}
