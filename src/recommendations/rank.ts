import type { CandidateRow } from './candidates.repository'
import type { GroupStanding } from './group-standing'
import type { Affinity, WeightedInterest } from './profile'
import { type Reason, reasonsFor } from './reasons'

/** Weights of the score's parts (each part lies in 0..1); see README "For you". */
export const WEIGHTS = {
  personal: { similarity: 0.35, interest: 0.15, distance: 0.2, time: 0.1, rating: 0.05, popularity: 0.1, freshness: 0.05 },
  coldStart: { similarity: 0, interest: 0.25, distance: 0.25, time: 0.15, rating: 0.1, popularity: 0.2, freshness: 0.05 },
} as const
/** A place the user already goes to is still shown, but behind new ones ("For you" is for discovery). */
export const VISITED_FACTOR = 0.7
/** Stores younger than this many days count as new. */
export const NEW_STORE_DAYS = 30
/** At most this many storefronts of one category among the first DIVERSITY_WINDOW. */
export const MAX_PER_CATEGORY = 3
export const DIVERSITY_WINDOW = 10
const DAY_MS = 86_400_000
// Bayesian rating prior, as nearby search: an unreviewed storefront counts as 10 reviews at 3.5 stars.
const PRIOR_REVIEWS = 10
const PRIOR_MEAN = 3.5

/** Local hours (start inclusive, end exclusive) when a category is most visited; others fit 0.3. */
const PEAK_HOURS: Record<string, ReadonlyArray<[number, number]>> = {
  coffee: [[7, 11], [14, 17]],
  bakery: [[7, 11], [15, 18]],
  food: [[11, 14], [17, 21]],
  bar: [[19, 24], [0, 2]],
  entertainment: [[14, 24]],
  fitness: [[6, 9], [17, 22]],
  grocery: [[8, 22]],
  hotel: [[0, 24]],
}
const DAYTIME: ReadonlyArray<[number, number]> = [[9, 19]]

/** How well the local hour suits the category: 1 in its peak hours, 0.3 otherwise. */
export function hourFit(category: string, localHour: number): number {
  const peaks = PEAK_HOURS[category] ?? DAYTIME
  return peaks.some(([from, to]) => localHour >= from && localHour < to) ? 1 : 0.3
}

/** The time part of the score: 0.5 when open now, plus half the hour fit. */
export function timeFit(row: { category: string; open_now: boolean; local_hour: number }): number {
  return 0.5 * (row.open_now ? 1 : 0) + 0.5 * hourFit(row.category, row.local_hour)
}

/** What the ranking knows about the user. */
export interface RankProfile {
  history: Affinity[]
  interests: WeightedInterest[]
  coldStart: boolean
  /** Storefronts high in the user's interest groups (for reasons only; absent when personalisation is off). */
  groups?: ReadonlyMap<string, GroupStanding>
}

/** A ranked storefront: its score, its parts (for tests and tuning) and its reasons. */
export interface Ranked {
  row: CandidateRow
  score: number
  parts: Record<keyof typeof WEIGHTS.personal, number>
  reasons: Reason[]
}

/** What scoring needs besides the row: weights, the maxima over every candidate, the user's tastes. */
interface RankContext {
  weights: (typeof WEIGHTS)[keyof typeof WEIGHTS]
  maxSimilarity: number
  maxVisitors: number
  decay: number
  interestWeight: Map<string, number>
  history: Map<string, Affinity>
  at: Date
}

function rankContext(all: readonly CandidateRow[], profile: RankProfile, radiusMeters: number, at: Date): RankContext {
  return {
    weights: profile.coldStart ? WEIGHTS.coldStart : WEIGHTS.personal,
    maxSimilarity: all.reduce((max, r) => Math.max(max, r.similarity), 0),
    maxVisitors: all.reduce((max, r) => Math.max(max, r.visitors), 0),
    decay: Math.max(400, radiusMeters / 4),
    interestWeight: new Map(profile.interests.map((i) => [i.tag, i.source === 'chosen' ? 1 : Math.min(1, 2 * i.weight) * 0.8])),
    history: new Map(profile.history.map((a) => [a.merchantId, a])),
    at,
  }
}

/** The parts that need neither the local clock nor the coupon, and whether the store is new. */
function cheapParts(row: CandidateRow, ctx: RankContext) {
  const bayes = (PRIOR_MEAN * PRIOR_REVIEWS + Number(row.rating_avg ?? 0) * row.review_count) / (PRIOR_REVIEWS + row.review_count)
  const isNew = ctx.at.getTime() - new Date(row.created_at).getTime() < NEW_STORE_DAYS * DAY_MS
  const interest = [row.category, ...row.tags].reduce((sum, tag) => sum + (ctx.interestWeight.get(tag) ?? 0), 0)
  const parts = {
    similarity: ctx.maxSimilarity > 0 ? row.similarity / ctx.maxSimilarity : 0,
    interest: Math.min(1, interest),
    distance: Math.exp(-row.distance_m / ctx.decay),
    rating: (bayes - 1) / 4,
    popularity: ctx.maxVisitors > 0 ? Math.log1p(row.visitors) / Math.log1p(ctx.maxVisitors) : 0,
  }
  return { parts, isNew }
}

function weighted(parts: Partial<Record<keyof RankContext['weights'], number>>, weights: RankContext['weights']): number {
  return (Object.keys(parts) as Array<keyof typeof weights>).reduce((sum, k) => sum + weights[k] * (parts[k] ?? 0), 0)
}

/**
 * Scores every candidate: Σ weight × part over similarity (co-visitation with the user's places,
 * relative to the best candidate), interests, distance decay exp(−d / D) with D = max(400 m,
 * radius / 4), open now and hour fit, Bayesian rating, popularity (log visitors relative to the
 * most visited candidate) and freshness (new store or live coupon). Sorted by score, then id.
 */
export function rank(rows: readonly CandidateRow[], profile: RankProfile, radiusMeters: number, at: Date): Ranked[] {
  const ctx = rankContext(rows, profile, radiusMeters, at)
  const ranked = rows.map((row): Ranked => {
    const { parts: cheap, isNew } = cheapParts(row, ctx)
    const parts = {
      similarity: cheap.similarity,
      interest: cheap.interest,
      distance: cheap.distance,
      time: timeFit(row),
      rating: cheap.rating,
      popularity: cheap.popularity,
      freshness: isNew || row.coupon_title ? 1 : 0,
    }
    const own = ctx.history.get(row.id)
    let score = weighted(parts, ctx.weights)
    if (own) score *= VISITED_FACTOR
    const source = row.similarity_source ? ctx.history.get(row.similarity_source) : undefined
    const reasons = reasonsFor({ row, similarityShare: parts.similarity, source, own, interests: profile.interests, group: profile.groups?.get(row.id), isNew })
    return { row, score: Math.round(score * 1e6) / 1e6, parts, reasons }
  })
  return ranked.sort((a, b) => b.score - a.score || a.row.id.localeCompare(b.row.id))
}

/**
 * Reorders so that no category has more than MAX_PER_CATEGORY of the first DIVERSITY_WINDOW
 * places: each slot takes the best remaining storefront whose category still has room; the
 * deferred ones follow in score order. (An area with too few categories keeps score order.)
 */
export function diversify<T extends { row: { category: string } }>(sorted: readonly T[]): T[] {
  const rest = [...sorted]
  const out: T[] = []
  const perCategory = new Map<string, number>()
  while (out.length < DIVERSITY_WINDOW && rest.length > 0) {
    const i = rest.findIndex((r) => (perCategory.get(r.row.category) ?? 0) < MAX_PER_CATEGORY)
    if (i < 0) break
    const [next] = rest.splice(i, 1) as [T]
    perCategory.set(next.row.category, (perCategory.get(next.row.category) ?? 0) + 1)
    out.push(next)
  }
  return out.concat(rest)
}
