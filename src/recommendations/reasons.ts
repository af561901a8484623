import type { CandidateRow } from './candidates.repository'
import type { GroupStanding } from './group-standing'
import type { Affinity, WeightedInterest } from './profile'

/** A short, true reason: a stable code and params (for translation) plus an English text. */
export interface Reason {
  code: 'similar_to_your_place' | 'visited_before' | 'you_follow' | 'interest' | 'interest_group' | 'coupon' | 'new_store' | 'top_rated' | 'popular_nearby' | 'distance'
  params: Record<string, string | number | boolean>
  text: string
}

function times(n: number): string {
  return n === 1 ? 'once' : n === 2 ? 'twice' : `${n} times`
}

/** "400 m" or "1.2 km", rounded as a person would say it. */
export function formatDistance(meters: number): string {
  return meters < 1000 ? `${Math.max(50, Math.round(meters / 50) * 50)} m` : `${(Math.round(meters / 100) / 10).toFixed(1)} km`
}

/** Why the user is linked to `a`, in words, from their own rows only. */
function dealings(a: Affinity): { action: string; count: number; text: string } {
  if (a.orders > 0) return { action: 'ordered', count: a.orders, text: `you ordered at ${a.name} ${times(a.orders)}` }
  if (a.reviewedWell) return { action: 'reviewed', count: 1, text: `you rated ${a.name} highly` }
  if (a.followed) return { action: 'followed', count: 1, text: `you follow ${a.name}` }
  if (a.claimedCoupon) return { action: 'claimed_coupon', count: 1, text: `you claimed a coupon at ${a.name}` }
  return { action: 'viewed', count: a.views, text: `you looked at ${a.name}` }
}

/** Inputs a reason may quote; everything comes from the candidate row and the user's own history. */
export interface ReasonInput {
  row: CandidateRow
  similarityShare: number
  source: Affinity | undefined
  own: Affinity | undefined
  interests: WeightedInterest[]
  /** The storefront's standing in one of the user's interest groups, when it ranks high there. */
  group: GroupStanding | undefined
  isNew: boolean
}

/**
 * At most three reasons, the most personal first; the last one always says how far away (and
 * whether open now), so every card has at least one reason.
 */
export function reasonsFor(input: ReasonInput): Reason[] {
  const { row, source, own } = input
  const personal: Reason[] = []
  if (source && input.similarityShare >= 0.15) {
    const d = dealings(source)
    personal.push({
      code: 'similar_to_your_place',
      params: { merchant_id: source.merchantId, merchant_name: source.name, action: d.action, count: d.count },
      text: `Similar to places you like: ${d.text}`,
    })
  }
  const group = input.group
  if (group) {
    personal.push({
      code: 'interest_group',
      params: { tag: group.tag, source: group.source, rank: group.rank, fans: group.fans },
      text: `Popular with people who like ${group.name.toLowerCase()}`,
    })
  }
  // The group reason already names its interest; another interest may still match.
  const matched = input.interests.find((i) => i.tag !== group?.tag && (i.tag === row.category || row.tags.includes(i.tag)))
  if (matched) {
    personal.push({
      code: 'interest',
      params: { tag: matched.tag, source: matched.source },
      text: matched.source === 'chosen' ? `Matches your interest: ${matched.tag}` : `You seem to like ${matched.tag}`,
    })
  }
  if (own && own.orders > 0) personal.push({ code: 'visited_before', params: { count: own.orders }, text: `You ordered here ${times(own.orders)}` })
  else if (own?.followed) personal.push({ code: 'you_follow', params: {}, text: 'You follow this place' })

  const general: Reason[] = []
  if (row.coupon_title) general.push({ code: 'coupon', params: { title: row.coupon_title }, text: `Coupon: ${row.coupon_title}` })
  if (input.isNew) general.push({ code: 'new_store', params: {}, text: 'New this month' })
  const rating = row.rating_avg === null ? null : Number(row.rating_avg)
  if (rating !== null && rating >= 4 && row.review_count >= 3) {
    general.push({ code: 'top_rated', params: { rating, review_count: row.review_count }, text: `Rated ${rating.toFixed(1)} from ${row.review_count} reviews` })
  }
  if (row.visitors >= 2) general.push({ code: 'popular_nearby', params: { visitors: row.visitors }, text: `${row.visitors} people went here in the last 90 days` })

  const distance: Reason = {
    code: 'distance',
    params: { distance_m: Math.round(row.distance_m), open_now: row.open_now },
    text: row.open_now ? `Open now, ${formatDistance(row.distance_m)} away` : `${formatDistance(row.distance_m)} away`,
  }
  return [...personal.slice(0, 2), ...general].slice(0, 2).concat(distance)
}
