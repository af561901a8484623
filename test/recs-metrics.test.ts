import { describe, expect, it } from 'vitest'
import { ndcgAtK, recallAtK } from './bench/recs/metrics'

// Worked by hand: relevant {b, e}; ranked a b c d e f …
//   recall@3 = |{b}| / 2 = 0.5;  recall@10 = 2 / 2 = 1
//   DCG@10 = 1/log2(3) + 1/log2(6) = 0.63093 + 0.38685 = 1.01778
//   IDCG@10 = 1/log2(2) + 1/log2(3) = 1 + 0.63093 = 1.63093  →  NDCG@10 = 0.62405
describe('offline metrics (bench:recs)', () => {
  const ranked = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k']
  const relevant = new Set(['b', 'e'])

  it('recall@k counts the held-out items found in the first k', () => {
    expect(recallAtK(ranked, relevant, 3)).toBe(0.5)
    expect(recallAtK(ranked, relevant, 10)).toBe(1)
    expect(recallAtK(ranked, new Set(['z']), 10)).toBe(0)
    expect(recallAtK(ranked, new Set(), 10)).toBe(0)
  })

  it('NDCG@k discounts by log2 of the rank and normalises by the ideal list', () => {
    expect(ndcgAtK(ranked, relevant, 10)).toBeCloseTo(0.62405, 5)
    expect(ndcgAtK(['b', 'e', 'a'], relevant, 10)).toBe(1)
    expect(ndcgAtK(['e', 'x'], relevant, 10)).toBeCloseTo(1 / 1.63093, 5)
    // Only the first k count, and a repeated id counts once.
    expect(ndcgAtK(ranked, new Set(['k']), 10)).toBe(0)
    expect(ndcgAtK(['b', 'b', 'e'], relevant, 10)).toBeCloseTo((1 + 1 / 2) / 1.63093, 5)
  })
})
