import { sql } from 'kysely'
import type { Executor } from '../db/database'
import type { FeedItemType } from './feed-item.table'

/** A keyset position in the feed: created_at exactly (as text) and the item's id. */
export type FeedKey = [string, string]

export interface FeedKeyRow {
  kind: FeedItemType
  id: string
  created_at: Date
  created_key: string
}

/** How many of the platform's newest store items the fast path looks through (see feedKeys). */
export const FEED_SCAN_WINDOW = 1000

const itemAfterClause = (after: FeedKey | undefined) => (after ? sql`AND (i.created_at, i.item_id) < (${after[0]}::timestamptz, ${after[1]}::uuid)` : sql``)
const replyArm = (userId: string, after: FeedKey | undefined, limit: number) => sql`
  SELECT 'review_reply' AS kind, rr.review_id AS id, rr.created_at
  FROM reviews r JOIN review_replies rr ON rr.review_id = r.id
  WHERE r.author_id = ${userId} ${after ? sql`AND (rr.created_at, rr.review_id) < (${after[0]}::timestamptz, ${after[1]}::uuid)` : sql``}`

/**
 * The newest `limit` feed items of `userId` after `after`, keys only, newest first: posts, new
 * coupons and new deals of followed storefronts (store_feed_items, kept by triggers) and replies
 * to the user's reviews. Fan-out on read, in two ways with the same answer:
 * - fast path: the platform's FEED_SCAN_WINDOW newest store items after the cursor (one index
 *   range) hash-joined with the user's follows (one index range). When `limit` of them are the
 *   user's, they are exactly the newest (the window is read in feed order). Cost: window + follows
 *   rows read in sequence, whatever the number of follows — the common case for people who
 *   follow many active storefronts;
 * - otherwise, per storefront: each followed storefront's newest item after the cursor (one
 *   index-only probe each), keeping the `limit` storefronts whose head is newest — every item of
 *   the page belongs to one of them, since a store's items are no newer than its head — then up to
 *   `limit` items of just those. Cost: one probe per follow.
 * Storefronts taken offline are left out when the items are read (see the *ByIds readers).
 */
export async function feedKeys(db: Executor, userId: string, after: FeedKey | undefined, limit: number, scanWindow = FEED_SCAN_WINDOW): Promise<FeedKeyRow[]> {
  const itemAfter = itemAfterClause(after)
  const fast = await sql<FeedKeyRow & { store_items: number }>`
    WITH store AS MATERIALIZED (
      SELECT i.kind, i.item_id AS id, i.created_at FROM (
        SELECT i.kind, i.item_id, i.merchant_id, i.created_at FROM store_feed_items i
        WHERE true ${itemAfter}
        ORDER BY i.created_at DESC, i.item_id DESC LIMIT ${scanWindow}
      ) i
      WHERE i.merchant_id IN (SELECT f.merchant_id FROM follows f WHERE f.user_id = ${userId})
      ORDER BY i.created_at DESC, i.item_id DESC LIMIT ${limit}
    )
    SELECT kind, id, created_at, created_at::text AS created_key, (SELECT count(*)::int FROM store) AS store_items FROM (
      SELECT kind, id, created_at FROM store
      UNION ALL ${replyArm(userId, after, limit)}
      ORDER BY created_at DESC, id DESC LIMIT ${limit}
    ) items
    ORDER BY created_at DESC, id DESC`.execute(db)
  if ((fast.rows[0]?.store_items ?? 0) >= limit) return fast.rows.map(({ store_items: _, ...key }) => key)
  const result = await sql<FeedKeyRow>`
    WITH heads AS MATERIALIZED (
      SELECT f.merchant_id FROM follows f
      CROSS JOIN LATERAL (
        SELECT i.created_at, i.item_id FROM store_feed_items i
        WHERE i.merchant_id = f.merchant_id ${itemAfter}
        ORDER BY i.created_at DESC, i.item_id DESC LIMIT 1
      ) head
      WHERE f.user_id = ${userId}
      ORDER BY head.created_at DESC, head.item_id DESC LIMIT ${limit}
    )
    SELECT kind, id, created_at, created_at::text AS created_key FROM (
      SELECT i.kind, i.item_id AS id, i.created_at FROM heads
      CROSS JOIN LATERAL (
        SELECT i.kind, i.item_id, i.created_at FROM store_feed_items i
        WHERE i.merchant_id = heads.merchant_id ${itemAfter}
        ORDER BY i.created_at DESC, i.item_id DESC LIMIT ${limit}
      ) i
      UNION ALL ${replyArm(userId, after, limit)}
      ORDER BY created_at DESC, id DESC LIMIT ${limit}
    ) items
    ORDER BY created_at DESC, id DESC`.execute(db)
  return result.rows
}

/** Posts by id with their storefront's name. */
export async function postsByIds(db: Executor, ids: readonly string[]) {
  if (ids.length === 0) return []
  return db
    .selectFrom('merchant_posts as p')
    .innerJoin('merchants as m', 'm.id', 'p.merchant_id')
    .selectAll('p')
    .select('m.name as merchant_name')
    .where('p.id', 'in', [...ids])
    .where('m.status', '=', 'active')
    .execute()
}

/** The owner's replies to the given reviews, with the review and storefront they belong to. */
export async function repliesByReviewIds(db: Executor, reviewIds: readonly string[]) {
  if (reviewIds.length === 0) return []
  return db
    .selectFrom('review_replies as rr')
    .innerJoin('reviews as r', 'r.id', 'rr.review_id')
    .innerJoin('merchants as m', 'm.id', 'r.merchant_id')
    .select(['rr.review_id', 'rr.text', 'rr.created_at', 'rr.edited_at', 'r.rating', 'r.merchant_id', 'm.name as merchant_name'])
    .where('rr.review_id', 'in', [...reviewIds])
    .execute()
}

/** Coupon campaigns by id with their storefront's name (live storefronts only). */
export async function couponsByIds(db: Executor, ids: readonly string[]) {
  if (ids.length === 0) return []
  return db
    .selectFrom('coupons as c')
    .innerJoin('merchants as m', 'm.id', 'c.merchant_id')
    .selectAll('c')
    .select('m.name as merchant_name')
    .where('c.id', 'in', [...ids])
    .where('m.status', '=', 'active')
    .execute()
}

/** Deal offerings by id with their storefront's name (live storefronts only). */
export async function dealsByIds(db: Executor, ids: readonly string[]) {
  if (ids.length === 0) return []
  return db
    .selectFrom('offerings as o')
    .innerJoin('merchants as m', 'm.id', 'o.merchant_id')
    .selectAll('o')
    .select('m.name as merchant_name')
    .where('o.id', 'in', [...ids])
    .where('m.status', '=', 'active')
    .execute()
}
