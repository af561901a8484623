import { type RawBuilder, sql } from 'kysely'
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

const before = (after: FeedKey, at: RawBuilder<unknown>, id: RawBuilder<unknown>) => sql`(${at}, ${id}) < (${after[0]}::timestamptz, ${after[1]}::uuid)`
const live = (merchantId: RawBuilder<unknown>) => sql`EXISTS (SELECT 1 FROM merchants m WHERE m.id = ${merchantId} AND m.status = 'active')`

/**
 * The newest `limit` feed items of `userId` after `after`, keys only, newest first: posts, new
 * coupons and new deals of live followed storefronts (store_feed_items, kept by triggers) and the
 * owner's replies to the user's reviews. Fan-out on read as a top-k merge over the follows:
 * - each followed storefront's newest item is its store_feed_heads row (one small row per follow,
 *   no timeline probe). Past a cursor, a head older than the cursor is still exact; only the
 *   storefronts whose head is newer than the cursor (those already shown, or new since) get one
 *   index probe for their newest item before it;
 * - the `limit` live storefronts with the newest such item hold every item of the page (a store's
 *   items are no newer than its head), so up to `limit` items are read from just those.
 * Storefronts taken offline are skipped here, so a page is full whenever enough items exist.
 */
export async function feedKeys(db: Executor, userId: string, after: FeedKey | undefined, limit: number): Promise<FeedKeyRow[]> {
  const newest = after
    ? sql`
      SELECT merchant_id, item_at, item_id FROM followed WHERE ${before(after, sql`item_at`, sql`item_id`)}
      UNION ALL
      SELECT fo.merchant_id, p.created_at, p.item_id FROM followed fo
      CROSS JOIN LATERAL (
        SELECT i.created_at, i.item_id FROM store_feed_items i
        WHERE i.merchant_id = fo.merchant_id AND ${before(after, sql`i.created_at`, sql`i.item_id`)}
        ORDER BY i.created_at DESC, i.item_id DESC LIMIT 1
      ) p
      WHERE NOT ${before(after, sql`fo.item_at`, sql`fo.item_id`)}`
    : sql`SELECT merchant_id, item_at, item_id FROM followed`
  const result = await sql<FeedKeyRow>`
    WITH followed AS MATERIALIZED (
      SELECT h.merchant_id, h.item_at, h.item_id FROM follows f
      JOIN store_feed_heads h ON h.merchant_id = f.merchant_id
      WHERE f.user_id = ${userId}
    ),
    top AS MATERIALIZED (
      -- Sorted first (OFFSET 0 keeps the check out of the sort), the liveness check runs only until
      -- \`limit\` stores pass; the outer ORDER BY keeps the answer right whatever join is planned.
      SELECT n.merchant_id FROM (SELECT * FROM (${newest}) n ORDER BY item_at DESC, item_id DESC OFFSET 0) n
      WHERE ${live(sql`n.merchant_id`)}
      ORDER BY n.item_at DESC, n.item_id DESC LIMIT ${limit}
    )
    SELECT kind, id, created_at, created_at::text AS created_key FROM (
      SELECT i.kind, i.item_id AS id, i.created_at FROM top
      CROSS JOIN LATERAL (
        SELECT i.kind, i.item_id, i.created_at FROM store_feed_items i
        WHERE i.merchant_id = top.merchant_id ${after ? sql`AND ${before(after, sql`i.created_at`, sql`i.item_id`)}` : sql``}
        ORDER BY i.created_at DESC, i.item_id DESC LIMIT ${limit}
      ) i
      UNION ALL
      SELECT 'review_reply' AS kind, rr.review_id AS id, rr.created_at
      FROM reviews r JOIN review_replies rr ON rr.review_id = r.id
      WHERE r.author_id = ${userId} AND ${live(sql`r.merchant_id`)} ${after ? sql`AND ${before(after, sql`rr.created_at`, sql`rr.review_id`)}` : sql``}
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

/** The owner's replies to the given reviews, with the review and storefront they belong to (live storefronts only). */
export async function repliesByReviewIds(db: Executor, reviewIds: readonly string[]) {
  if (reviewIds.length === 0) return []
  return db
    .selectFrom('review_replies as rr')
    .innerJoin('reviews as r', 'r.id', 'rr.review_id')
    .innerJoin('merchants as m', 'm.id', 'r.merchant_id')
    .select(['rr.review_id', 'rr.text', 'rr.created_at', 'rr.edited_at', 'r.rating', 'r.merchant_id', 'm.name as merchant_name'])
    .where('rr.review_id', 'in', [...reviewIds])
    .where('m.status', '=', 'active')
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
