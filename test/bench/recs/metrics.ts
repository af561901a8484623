/**
 * Offline ranking metrics with binary relevance: `ranked` is what a method returned (best
 * first), `relevant` what the user actually did next (the held-out visits).
 */

/** Share of the relevant items found in the first k: |top-k ∩ relevant| / |relevant| (0 when nothing is relevant). */
export function recallAtK(ranked: readonly string[], relevant: ReadonlySet<string>, k: number): number {
  if (relevant.size === 0) return 0
  const hits = new Set(ranked.slice(0, k).filter((id) => relevant.has(id))).size
  return hits / relevant.size
}

/**
 * Normalised discounted cumulative gain at k: Σ 1/log2(rank + 1) over hits in the first k
 * (rank from 1), divided by the same sum for an ideal list holding every relevant item first.
 */
export function ndcgAtK(ranked: readonly string[], relevant: ReadonlySet<string>, k: number): number {
  if (relevant.size === 0) return 0
  const seen = new Set<string>()
  let dcg = 0
  ranked.slice(0, k).forEach((id, i) => {
    if (relevant.has(id) && !seen.has(id)) dcg += 1 / Math.log2(i + 2)
    seen.add(id)
  })
  let ideal = 0
  for (let i = 0; i < Math.min(k, relevant.size); i++) ideal += 1 / Math.log2(i + 2)
  return dcg / ideal
}
