import type { AppDeps, AuthUser } from '../context'
import { toCoupon } from '../coupons/coupon-view'
import type { Executor } from '../db/database'
import { BadRequestError } from '../errors'
import { toOffering } from '../offerings'
import { presentPosts } from '../posts/post-view'
import type { FeedItem } from './feed.schemas'
import * as feed from './feed.repository'

interface FeedCursor {
  u: string
  k: feed.FeedKey
}

type Merchant = FeedItem['merchant']

const iso = (v: Date | string | null) => (v === null ? null : new Date(v).toISOString())

/**
 * Reads the items behind the keys, each arm present in one query, keyed by item id. One after
 * another on the caller's connection: a feed request holds one pooled connection, not one per arm.
 */
async function loadItems(db: Executor, keys: readonly feed.FeedKeyRow[]) {
  const ids = (type: feed.FeedKeyRow['kind']) => keys.filter((k) => k.kind === type).map((k) => k.id)
  const postRows = await feed.postsByIds(db, ids('post'))
  const couponRows = await feed.couponsByIds(db, ids('coupon'))
  const dealRows = await feed.dealsByIds(db, ids('deal'))
  const replyRows = await feed.repliesByReviewIds(db, ids('review_reply'))
  const posts = new Map((await presentPosts(db, postRows)).map((p) => [p.id, p]))
  const coupons = new Map(couponRows.map((c) => [c.id, { merchant: { id: c.merchant_id, name: c.merchant_name }, coupon: toCoupon(c) }]))
  const deals = new Map(dealRows.map((o) => [o.id, { merchant: { id: o.merchant_id, name: o.merchant_name }, deal: toOffering(o) }]))
  const replies = new Map(
    replyRows.map((r) => {
      const merchant = { id: r.merchant_id, name: r.merchant_name }
      return [r.review_id, { merchant, reply: { review_id: r.review_id, merchant, rating: r.rating, text: r.text, edited_at: iso(r.edited_at) } }]
    }),
  )
  return { posts, coupons, deals, replies }
}

/**
 * The caller's feed, newest first: posts, new coupons and new deals of storefronts they follow,
 * and replies to their reviews. The cursor is the last item's exact (created_at, id), so items
 * arriving while paging land before page one and never shift later pages (no repeats, no skips).
 */
export async function readFeed(deps: AppDeps, user: AuthUser, query: { cursor?: string; limit: number }): Promise<{ data: FeedItem[]; next_cursor: string | null }> {
  let after: feed.FeedKey | undefined
  if (query.cursor) {
    const cursor = await deps.cursors.decode<FeedCursor>(query.cursor)
    if (cursor?.u !== user.id || !Array.isArray(cursor.k)) throw new BadRequestError('cursor belongs to another listing; start again from the first page', 'invalid_cursor')
    after = cursor.k
  }
  const limit = query.limit
  const { keys, items } = await deps.db.connection().execute(async (db) => {
    const keys = await feed.feedKeys(db, user.id, after, limit + 1)
    return { keys, items: await loadItems(db, keys.slice(0, limit)) }
  })
  const shown = keys.slice(0, limit)
  const { posts, coupons, deals, replies } = items
  const data: FeedItem[] = []
  for (const k of shown) {
    const post = k.kind === 'post' ? posts.get(k.id) : undefined
    const coupon = k.kind === 'coupon' ? coupons.get(k.id) : undefined
    const deal = k.kind === 'deal' ? deals.get(k.id) : undefined
    const reply = k.kind === 'review_reply' ? replies.get(k.id) : undefined
    const merchant: Merchant | undefined = post?.merchant ?? coupon?.merchant ?? deal?.merchant ?? reply?.merchant
    // An item removed (or its storefront taken offline) between the two reads is left out, not shown half.
    if (!merchant) continue
    data.push({
      type: k.kind,
      id: k.id,
      created_at: iso(k.created_at) as string,
      merchant,
      post: post ?? null,
      coupon: coupon?.coupon ?? null,
      deal: deal?.deal ?? null,
      review_reply: reply?.reply ?? null,
    })
  }
  const last = shown[shown.length - 1]
  const next_cursor = keys.length > query.limit && last ? await deps.cursors.encode({ u: user.id, k: [last.created_key, last.id] } satisfies FeedCursor) : null
  return { data, next_cursor }
}
