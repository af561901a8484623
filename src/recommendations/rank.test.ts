import { describe, expect, it } from 'vitest'
import { Random } from '../../seed/random'
import type { CandidateRow } from './candidates.repository'
import { DIVERSITY_WINDOW, diversify, MAX_PER_CATEGORY, rank, type RankProfile } from './rank'

const AT = new Date('2026-12-04T10:00:00Z')
const CATEGORIES = ['coffee', 'food', 'bar', 'bakery', 'fitness']

/** `n` random candidates, with opening hours and coupons drawn too. */
function candidates(seed: number, n: number): CandidateRow[] {
  const rng = new Random(seed)
  return Array.from({ length: n }, (_, i) => ({
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    name: `Store ${i}`,
    // Mostly one category, so diversify has to reach down for the others.
    category: rng.chance(0.85) ? 'coffee' : CATEGORIES[rng.int(1, 4)]!,
    tags: rng.chance(0.3) ? ['pets'] : [],
    lat: 30, lng: 120, cover_key: null,
    rating_avg: rng.chance(0.5) ? (1 + 4 * rng.next()).toFixed(2) : null,
    review_count: rng.int(0, 50),
    created_at: new Date(AT.getTime() - rng.int(1, 400) * 86_400_000),
    distance_m: 3000 * rng.next() + (rng.chance(0.85) ? 0 : 1500),
    visitors: rng.chance(0.7) ? rng.int(1, 500) : 0,
    similarity: rng.chance(0.3) ? rng.next() : 0,
    similarity_source: null,
    hours: [], timezone: 'Asia/Shanghai',
    open_now: rng.chance(0.6),
    local_hour: rng.int(0, 23),
    coupon_title: rng.chance(0.1) ? '¥10 off' : null,
  }))
}

const personal: RankProfile = {
  history: [{ merchantId: '00000000-0000-4000-8000-000000000003', name: 'Store 3', category: 'coffee', tags: [], weight: 5, orders: 2, followed: false, reviewedWell: false, claimedCoupon: false, views: 0 }],
  interests: [{ tag: 'pets', source: 'chosen', weight: 1 }],
  coldStart: false,
}
const cold: RankProfile = { history: [], interests: [], coldStart: true }

describe('rank and diversify', () => {
  it.each([1, 2, 3, 4])('keep every candidate once, at most 3 of one category in the first 10, the rest in score order (seed %i)', (seed) => {
    for (const profile of [personal, cold]) {
      const all = candidates(seed, 300)
      const ranked = rank(all, profile, 3000, AT)
      expect(ranked.every((r, i) => i === 0 || ranked[i - 1]!.score > r.score || (ranked[i - 1]!.score === r.score && ranked[i - 1]!.row.id < r.row.id))).toBe(true)
      const out = diversify(ranked)
      expect(new Set(out.map((r) => r.row.id)).size).toBe(all.length)
      const window = out.slice(0, DIVERSITY_WINDOW)
      const perCategory = new Map<string, number>()
      for (const r of window) perCategory.set(r.row.category, (perCategory.get(r.row.category) ?? 0) + 1)
      expect(Math.max(...perCategory.values())).toBeLessThanOrEqual(MAX_PER_CATEGORY)
      // Mostly coffee: the window had to reach down for other categories, yet stays full.
      expect(window).toHaveLength(DIVERSITY_WINDOW)
      expect(window.filter((r) => r.row.category === 'coffee')).toHaveLength(MAX_PER_CATEGORY)
      // Each slot holds the best storefront whose category still had room; the deferred ones follow in score order.
      const rest = out.slice(DIVERSITY_WINDOW)
      expect(rest.map((r) => r.row.id)).toEqual(ranked.filter((r) => !window.includes(r)).map((r) => r.row.id))
      for (const [k, slot] of window.entries()) {
        const seen = window.slice(0, k)
        const best = ranked.find((r) => !seen.includes(r) && seen.filter((x) => x.row.category === r.row.category).length < MAX_PER_CATEGORY)
        expect(slot).toBe(best)
      }
    }
  })
})
