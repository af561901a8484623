import type { SignalKind, SignalRow } from './signals.repository'

/** Weight of one occurrence of each signal: orders and redemptions strongest, views weakest. */
export const SIGNAL_WEIGHTS: Record<SignalKind, number> = {
  redeemed: 4, ordered: 3, reviewed_well: 2, reviewed: 0, reviewed_badly: -4, followed: 2, claimed_coupon: 1, viewed: 0.5,
}

/** The user's own dealings with one storefront, as a reason can quote them. */
export interface Affinity {
  merchantId: string
  name: string
  category: string
  tags: string[]
  weight: number
  orders: number
  followed: boolean
  reviewedWell: boolean
  claimedCoupon: boolean
  views: number
}

/** An interest shaping the ranking: chosen by the user, or inferred from their history. */
export interface WeightedInterest {
  tag: string
  source: 'chosen' | 'inferred'
  weight: number
}

/** Share of the history's weight a tag needs before it is inferred as an interest. */
export const INFERRED_MIN_SHARE = 0.2
/** At most this many inferred interests. */
export const MAX_INFERRED = 5

/**
 * Per storefront: Σ over signal kinds of weight × (1 + ln count), so a tenth order adds less than
 * the second. Storefronts the user rated badly end up ≤ 0 and are dropped.
 */
export function affinities(signals: readonly SignalRow[]): Affinity[] {
  const byId = new Map<string, Affinity>()
  for (const s of signals) {
    const a = byId.get(s.merchant_id) ?? {
      merchantId: s.merchant_id, name: s.merchant_name, category: s.category, tags: s.tags,
      weight: 0, orders: 0, followed: false, reviewedWell: false, claimedCoupon: false, views: 0,
    }
    a.weight += SIGNAL_WEIGHTS[s.kind] * (1 + Math.log(s.n))
    if (s.kind === 'ordered' || s.kind === 'redeemed') a.orders += s.n
    if (s.kind === 'followed') a.followed = true
    if (s.kind === 'reviewed_well') a.reviewedWell = true
    if (s.kind === 'claimed_coupon') a.claimedCoupon = true
    if (s.kind === 'viewed') a.views += s.n
    byId.set(s.merchant_id, a)
  }
  return [...byId.values()].filter((a) => a.weight > 0).sort((x, y) => y.weight - x.weight || x.merchantId.localeCompare(y.merchantId))
}

/**
 * Interests inferred from history: each storefront's category and tags collect its affinity; a
 * vocabulary tag holding at least INFERRED_MIN_SHARE of the total is inferred (strongest first).
 */
export function inferInterests(history: readonly Affinity[], vocabulary: ReadonlySet<string>, chosen: ReadonlySet<string>): WeightedInterest[] {
  const total = history.reduce((sum, a) => sum + a.weight, 0)
  if (total <= 0) return []
  const byTag = new Map<string, number>()
  for (const a of history) {
    for (const tag of new Set([a.category, ...a.tags])) {
      if (vocabulary.has(tag) && !chosen.has(tag)) byTag.set(tag, (byTag.get(tag) ?? 0) + a.weight)
    }
  }
  return [...byTag.entries()]
    .map(([tag, w]) => ({ tag, source: 'inferred' as const, weight: w / total }))
    .filter((i) => i.weight >= INFERRED_MIN_SHARE)
    .sort((x, y) => y.weight - x.weight || x.tag.localeCompare(y.tag))
    .slice(0, MAX_INFERRED)
}
