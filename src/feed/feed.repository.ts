import { type RawBuilder, sql } from 'kysely'
import { PREPARED, rowCount } from '../db/client'
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
 * owner's replies to the user's reviews. The feed is hybrid (migration 0031):
 * - pushed storefronts (fewer than 5,000 followers) wrote their items' keys into the user's
 *   feed_inbox: the page is one backward range scan of the user's rows, each checked by primary key
 *   against store_feed_items (the item still there, at that time) and its storefront (still live);
 * - pulled storefronts (feed_pull) are read on demand, as a top-k merge over the few of them the
 *   user follows: each one's newest item is its store_feed_heads row; past a cursor, a head older
 *   than the cursor is still exact and only those newer get one index probe for their newest item
 *   before it; the `limit` storefronts with the newest such item hold every pulled item of the page.
 * Items a storefront pushed before it switched to pull are found both ways: UNION shows them once.
 */
export async function feedKeys(db: Executor, userId: string, after: FeedKey | undefined, limit: number, since?: Date): Promise<FeedKeyRow[]> {
  return (await keysQuery(userId, after, limit, since).execute(db)).rows
}

function keysQuery(userId: string, after: FeedKey | undefined, limit: number, since: Date | undefined): RawBuilder<FeedKeyRow> {
  // Items after the cursor and, with `since` (the feed's window), newer than it; one text either way.
  const from = since ?? new Date(0)
  const past = (at: RawBuilder<unknown>, id: RawBuilder<unknown>) =>
    after ? sql`AND ${before(after, at, id)} AND ${at} > ${from}::timestamptz` : sql`AND ${at} > ${from}::timestamptz`
  // In the text (one prepared text per page size, at most 51, and kind of page): planned each call
  // with a parameter, ~0.9 ms, more than the run.
  const pageSize = rowCount(limit)
  const newest = after
    ? sql`
      SELECT merchant_id, item_at, item_id FROM pulled WHERE ${before(after, sql`item_at`, sql`item_id`)} AND item_at > ${from}::timestamptz
      UNION ALL
      SELECT pu.merchant_id, p.created_at, p.item_id FROM pulled pu
      CROSS JOIN LATERAL (
        SELECT i.created_at, i.item_id FROM store_feed_items i
        WHERE i.merchant_id = pu.merchant_id ${past(sql`i.created_at`, sql`i.item_id`)}
        ORDER BY i.created_at DESC, i.item_id DESC LIMIT 1
      ) p
      WHERE NOT ${before(after, sql`pu.item_at`, sql`pu.item_id`)}`
    : sql`SELECT merchant_id, item_at, item_id FROM pulled WHERE item_at > ${from}::timestamptz`
  return sql<FeedKeyRow>`
    WITH pulled AS MATERIALIZED (
      -- Driven by the few pulled storefronts (a partial index); whether the user follows each, and its
      -- head, are primary-key probes (LIMIT 1 keeps the planner from joining all follows or all heads).
      SELECT h.merchant_id, h.item_at, h.item_id FROM merchants m
      CROSS JOIN LATERAL (SELECT 1 FROM follows f WHERE f.user_id = ${userId} AND f.merchant_id = m.id LIMIT 1) f
      CROSS JOIN LATERAL (SELECT h.merchant_id, h.item_at, h.item_id FROM store_feed_heads h WHERE h.merchant_id = m.id LIMIT 1) h
      WHERE m.feed_pull AND m.status = 'active'
    ),
    top AS MATERIALIZED (
      SELECT n.merchant_id FROM (${newest}) n ORDER BY n.item_at DESC, n.item_id DESC LIMIT ${pageSize}
    )
    SELECT kind, id, created_at, created_at::text AS created_key FROM (
      -- The user's rows newest first, each checked by primary-key probes until a page passes
      -- (as laterals with LIMIT 1, never a join the planner could turn into a scan of the timeline).
      (SELECT x.kind, x.item_id AS id, x.created_at FROM feed_inbox x
      CROSS JOIN LATERAL (SELECT 1 FROM store_feed_items i WHERE i.kind = x.kind AND i.item_id = x.item_id AND i.created_at = x.created_at LIMIT 1) still
      CROSS JOIN LATERAL (SELECT 1 FROM merchants m WHERE m.id = x.merchant_id AND m.status = 'active' LIMIT 1) live
      WHERE x.user_id = ${userId} ${past(sql`x.created_at`, sql`x.item_id`)}
      ORDER BY x.created_at DESC, x.item_id DESC LIMIT ${pageSize})
      UNION
      (SELECT i.kind, i.item_id AS id, i.created_at FROM top
      CROSS JOIN LATERAL (
        SELECT i.kind, i.item_id, i.created_at FROM store_feed_items i
        WHERE i.merchant_id = top.merchant_id ${past(sql`i.created_at`, sql`i.item_id`)}
        ORDER BY i.created_at DESC, i.item_id DESC LIMIT ${pageSize}
      ) i)
      UNION
      (SELECT 'review_reply' AS kind, rr.review_id AS id, rr.created_at
      FROM reviews r JOIN review_replies rr ON rr.review_id = r.id
      WHERE r.author_id = ${userId} AND ${live(sql`r.merchant_id`)} ${past(sql`rr.created_at`, sql`rr.review_id`)}
      ORDER BY rr.created_at DESC, rr.review_id DESC LIMIT ${pageSize})
    ) items
    ORDER BY created_at DESC, id DESC LIMIT ${pageSize}`
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
export async function feedPage(db: Executor, userId: string, after: FeedKey | undefined, limit: number, since: Date): Promise<FeedPageRow[]> {
  // Prepared (one text per page size, first or later page): planning it cost more than running it.
  const result = await sql<FeedPageRow>`${sql.raw(PREPARED)}
    WITH keys AS MATERIALIZED (${keysQuery(userId, after, limit, since)})
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

/**
 * Deletes inbox keys older than `before` (outside the feed's window), a batch per statement so no
 * transaction holds many rows; returns how many went.
 */
export async function pruneInboxes(db: Executor, before: Date, batch = 5000): Promise<number> {
  let total = 0
  for (;;) {
    const result = await sql`
      DELETE FROM feed_inbox WHERE (user_id, created_at, item_id) IN (
        SELECT user_id, created_at, item_id FROM feed_inbox WHERE created_at < ${before} LIMIT ${batch}
      )`.execute(db)
    const n = Number(result.numAffectedRows ?? 0)
    total += n
    if (n < batch) return total
  }
}
