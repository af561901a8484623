import type { AppDeps, AuthUser } from '../context'
import { toCoupon } from '../coupons/coupon-view'
import { BadRequestError } from '../errors'
import { toOffering } from '../offerings'
import { presentPost } from '../posts/post-view'
import { toPhoto } from '../uploads'
import { feedWindowStart } from './feed-item.table'
import type { FeedItem } from './feed.schemas'
import * as feed from './feed.repository'

interface FeedCursor {
  u: string
  k: feed.FeedKey
}

type Merchant = FeedItem['merchant']

const iso = (v: Date | string | null) => (v === null ? null : new Date(v).toISOString())

const date = (v: string) => new Date(v)

/** The item a feed row shows, or undefined when it is gone (removed, or its storefront taken offline). */
function toItem(row: feed.FeedPageRow): FeedItem | undefined {
  if (row.merchant_id === null || row.merchant_name === null) return undefined
  const merchant: Merchant = { id: row.merchant_id, name: row.merchant_name }
  const item = { type: row.kind, id: row.id, created_at: iso(row.created_at) as string, merchant, post: null, coupon: null, deal: null, review_reply: null }
  switch (row.kind) {
    case 'post':
      return row.post ? { ...item, post: presentPost({ ...row.post, merchant_name: merchant.name }, (row.photos ?? []).map(toPhoto)) } : undefined
    case 'coupon': {
      const c = row.coupon
      return c ? { ...item, coupon: toCoupon({ ...c, starts_at: date(c.starts_at), ends_at: date(c.ends_at), created_at: date(c.created_at), updated_at: date(c.updated_at) }) } : undefined
    }
    case 'deal': {
      const o = row.deal
      const validUntil = o?.valid_until ? date(o.valid_until) : null
      return o ? { ...item, deal: toOffering({ ...o, valid_until: validUntil, created_at: date(o.created_at), updated_at: date(o.updated_at) }) } : undefined
    }
    case 'review_reply':
      return row.reply
        ? { ...item, review_reply: { review_id: row.id, merchant, rating: row.reply.rating, text: row.reply.text, edited_at: iso(row.reply.edited_at) } }
        : undefined
  }
}

/**
 * The caller's feed, newest first: posts, new coupons and new deals of storefronts they follow,
 * and replies to their reviews, within the feed's window (feedWindowStart). The cursor is the last
 * item's exact (created_at, id), so items arriving while paging land before page one and never
 * shift later pages (no repeats, no skips).
 */
export async function readFeed(deps: AppDeps, user: AuthUser, query: { cursor?: string; limit: number }): Promise<{ data: FeedItem[]; next_cursor: string | null }> {
  let after: feed.FeedKey | undefined
  if (query.cursor) {
    const cursor = await deps.cursors.decode<FeedCursor>(query.cursor)
    if (cursor?.u !== user.id || !Array.isArray(cursor.k)) throw new BadRequestError('cursor belongs to another listing; start again from the first page', 'invalid_cursor')
    after = cursor.k
  }
  const rows = await feed.feedPage(deps.db, user.id, after, query.limit + 1, feedWindowStart(deps.now()))
  const shown = rows.slice(0, query.limit)
  // An item removed, or its storefront taken offline, since its key was written is left out.
  const data = shown.flatMap((row) => toItem(row) ?? [])
  const last = shown[shown.length - 1]
  const next_cursor = rows.length > query.limit && last ? await deps.cursors.encode({ u: user.id, k: [last.created_key, last.id] } satisfies FeedCursor) : null
  return { data, next_cursor }
}
