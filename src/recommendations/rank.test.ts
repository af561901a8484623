import { describe, expect, it } from 'vitest'
import { Random } from '../../seed/random'
import type { CandidateBase, CandidateRow } from './candidates.repository'
import { diversify, likelyTop, rank, type RankProfile } from './rank'

const AT = new Date('2026-12-04T10:00:00Z')
const CATEGORIES = ['coffee', 'food', 'bar', 'bakery', 'fitness']

/** `n` random candidates, with opening hours and coupons drawn too (what recommend.ts judges from the hours and reads of coupons). */
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

describe('likelyTop', () => {
  it.each([[1, 200], [2, 200], [3, 20], [4, 20], [5, 10], [6, 10]])('ranks only the likely top yet gives the same first places as ranking everyone (seed %i, %i places)', (seed, size) => {
    for (const profile of [personal, cold]) {
      const all = candidates(seed, 600)
      const everyone = diversify(rank(all, profile, 3000, AT)).slice(0, size)
      const bases: CandidateBase[] = all.map(({ open_now: _o, local_hour: _h, coupon_title: _c, ...base }) => base)
      const kept = new Set(likelyTop(bases, profile, 3000, AT, size).map((r) => r.id))
      const pruned = diversify(rank(all.filter((r) => kept.has(r.id)), profile, 3000, AT, bases)).slice(0, size)
      expect(kept.size).toBeLessThan(all.length)
      expect(pruned.map((r) => [r.row.id, r.score])).toEqual(everyone.map((r) => [r.row.id, r.score]))
      // With opening hours judged first, only coupons are unknown: fewer are kept, the same places come out.
      const clocked = all.map(({ coupon_title: _c, ...rest }) => rest)
      const keptClocked = new Set(likelyTop(clocked, profile, 3000, AT, size).map((r) => r.id))
      const prunedClocked = diversify(rank(all.filter((r) => keptClocked.has(r.id)), profile, 3000, AT, bases)).slice(0, size)
      expect(keptClocked.size).toBeLessThan(kept.size)
      expect(prunedClocked.map((r) => [r.row.id, r.score])).toEqual(everyone.map((r) => [r.row.id, r.score]))
    }
  })

  it('keeps everyone when there are no more candidates than places', () => {
    const all = candidates(9, 50)
    expect(likelyTop(all, personal, 3000, AT, 200)).toHaveLength(50)
  })
})
