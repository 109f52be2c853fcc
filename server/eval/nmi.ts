/**
 * Normalised mutual information between two clusterings of the same items (Strehl & Ghosh 2002; the arithmetic-mean
 * normalisation of Vinh, Epps & Bailey 2010, also scikit-learn's default):
 *
 *   NMI(A, B) = I(A; B) / ((H(A) + H(B)) / 2),   I = Σ_ij (n_ij / N) · ln(N · n_ij / (a_i · b_j)),   H = −Σ (a_i / N) ln(a_i / N)
 *
 * where n_ij counts the items in cluster i of A and cluster j of B. 1 means the same partition (up to renaming),
 * 0 independent ones. Two one-cluster partitions are identical: NMI 1.
 */

export type Clustering = ReadonlyMap<string, string | number>;

export interface NmiResult {
  nmi: number;
  mutualInformation: number;
  entropyA: number;
  entropyB: number;
  /** Items that both clusterings label (the only ones compared). */
  items: number;
  clustersA: number;
  clustersB: number;
}

/** NMI over the items both clusterings label; items labelled by only one are left out (see `withSingletons`). */
export function normalizedMutualInformation(a: Clustering, b: Clustering): NmiResult {
  const countA = new Map<string, number>();
  const countB = new Map<string, number>();
  const joint = new Map<string, number>();
  let n = 0;
  for (const [item, la] of a) {
    const lb = b.get(item);
    if (lb === undefined) continue;
    n++;
    const ka = String(la);
    const kb = String(lb);
    countA.set(ka, (countA.get(ka) ?? 0) + 1);
    countB.set(kb, (countB.get(kb) ?? 0) + 1);
    const k = `${ka.length}:${ka}${kb}`;
    joint.set(k, (joint.get(k) ?? 0) + 1);
  }
  const result = { items: n, clustersA: countA.size, clustersB: countB.size };
  if (n === 0) return { nmi: NaN, mutualInformation: 0, entropyA: 0, entropyB: 0, ...result };
  const entropy = (counts: Map<string, number>): number => {
    let h = 0;
    for (const c of counts.values()) h -= (c / n) * Math.log(c / n);
    return h;
  };
  const entropyA = entropy(countA);
  const entropyB = entropy(countB);
  let mi = 0;
  for (const [k, nij] of joint) {
    const colon = k.indexOf(':');
    const length = Number(k.slice(0, colon));
    const ka = k.slice(colon + 1, colon + 1 + length);
    const kb = k.slice(colon + 1 + length);
    mi += (nij / n) * Math.log((n * nij) / (countA.get(ka)! * countB.get(kb)!));
  }
  const mutualInformation = Math.max(0, mi);
  const mean = (entropyA + entropyB) / 2;
  const nmi = mean === 0 ? 1 : Math.min(1, mutualInformation / mean);
  return { nmi, mutualInformation, entropyA, entropyB, ...result };
}

/**
 * Turns groups (rings) into a clustering of `universe`: members of a group share its label, and every item in no
 * group is a cluster of its own — an account that is not in any ring is not grouped with anyone. An item in several
 * groups keeps the first.
 */
export function withSingletons(
  universe: Iterable<string>,
  groups: ReadonlyArray<readonly string[]>,
): Map<string, string> {
  const label = new Map<string, string>();
  groups.forEach((members, g) => {
    for (const m of members) if (!label.has(m)) label.set(m, `group:${g}`);
  });
  const out = new Map<string, string>();
  for (const item of universe) out.set(item, label.get(item) ?? `single:${item}`);
  return out;
}
