import { type RawBuilder, sql } from 'kysely'
import type { Executor } from '../db/database'
import type { CouponRow } from '../coupons/coupon.table'
import type { OfferingRow } from '../offerings/offering.table'
import type { MerchantPostRow } from '../posts/post.table'
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
  return (await keysQuery(userId, after, limit).execute(db)).rows
}

function keysQuery(userId: string, after: FeedKey | undefined, limit: number): RawBuilder<FeedKeyRow> {
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
  return sql<FeedKeyRow>`
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
    ORDER BY created_at DESC, id DESC`
}

/** A row as `to_jsonb` returns it: timestamps become ISO text, everything else keeps its JSON shape. */
export type AsJson<T> = { [K in keyof T]: T[K] extends Date ? string : T[K] extends Date | null ? string | null : T[K] }

/** A photo of a post, as the feed reads it. */
export interface FeedPhotoRow {
  id: string
  storage_key: string
  thumbnail_key: string
  width: number
  height: number
}

/**
 * A feed key with what it shows: the storefront and the item of its kind, or `merchant_id` null
 * when there is nothing to show (the item or its live storefront is gone).
 */
export interface FeedPageRow extends FeedKeyRow {
  merchant_id: string | null
  merchant_name: string | null
  post: AsJson<MerchantPostRow> | null
  photos: FeedPhotoRow[] | null
  coupon: AsJson<CouponRow> | null
  deal: AsJson<OfferingRow> | null
  reply: { text: string; edited_at: string | null; rating: number } | null
}

/**
 * feedKeys and the items behind them in one statement (one round trip, one plan): each key
 * joins the row of its kind by primary key, then its storefront (live ones only) and, for posts
 * with photos, the photos in position order.
 */
export async function feedPage(db: Executor, userId: string, after: FeedKey | undefined, limit: number): Promise<FeedPageRow[]> {
  const result = await sql<FeedPageRow>`
    WITH keys AS MATERIALIZED (${keysQuery(userId, after, limit)})
    SELECT k.kind, k.id, k.created_at, k.created_key, m.id AS merchant_id, m.name AS merchant_name,
      to_jsonb(p) AS post, ph.photos, to_jsonb(c) AS coupon, to_jsonb(o) AS deal,
      CASE WHEN rr.review_id IS NULL THEN NULL ELSE jsonb_build_object('text', rr.text, 'edited_at', rr.edited_at, 'rating', rr.rating) END AS reply
    FROM keys k
    -- Each arm is a primary-key probe run only for keys of its kind (kept apart so the planner
    -- never trades the probes for a scan of a whole table).
    LEFT JOIN LATERAL (SELECT * FROM merchant_posts p WHERE k.kind = 'post' AND p.id = k.id LIMIT 1) p ON true
    LEFT JOIN LATERAL (SELECT * FROM coupons c WHERE k.kind = 'coupon' AND c.id = k.id LIMIT 1) c ON true
    LEFT JOIN LATERAL (SELECT * FROM offerings o WHERE k.kind = 'deal' AND o.id = k.id LIMIT 1) o ON true
    LEFT JOIN LATERAL (
      SELECT rr.review_id, rr.text, rr.edited_at, r.rating, r.merchant_id FROM review_replies rr JOIN reviews r ON r.id = rr.review_id
      WHERE k.kind = 'review_reply' AND rr.review_id = k.id LIMIT 1
    ) rr ON true
    LEFT JOIN merchants m ON m.id = coalesce(p.merchant_id, c.merchant_id, o.merchant_id, rr.merchant_id) AND m.status = 'active'
    LEFT JOIN LATERAL (
      SELECT jsonb_agg(jsonb_build_object('id', u.id, 'storage_key', u.storage_key, 'thumbnail_key', u.thumbnail_key,
        'width', u.width, 'height', u.height) ORDER BY pp.position) AS photos
      FROM merchant_post_photos pp JOIN uploads u ON u.id = pp.upload_id
      WHERE p.photo_count > 0 AND pp.post_id = p.id
    ) ph ON true
    ORDER BY k.created_at DESC, k.id DESC`.execute(db)
  return result.rows
}
