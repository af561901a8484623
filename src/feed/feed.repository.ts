import { sql } from 'kysely'
import type { Executor } from '../db/database'

/** A keyset position in the feed: created_at exactly (as text) and the item's id. */
export type FeedKey = [string, string]

export interface FeedKeyRow {
  kind: 'post' | 'review_reply'
  id: string
  created_at: Date
  created_key: string
}

/**
 * The newest `limit` feed items of `userId` after `after`, keys only, newest first. Fan-out on
 * read: one index probe per followed storefront (merchant_posts_recent_idx, index-only), each
 * cut to `limit`, merged by a top-N sort. Storefronts taken offline are left out when the posts
 * are read (postsByIds), which keeps this query to two indexes. Each further arm (replies to the user's reviews; new
 * coupons of followed stores at merge) is one more UNION ALL arm of the same shape.
 */
export async function feedKeys(db: Executor, userId: string, after: FeedKey | undefined, limit: number): Promise<FeedKeyRow[]> {
  const postAfter = after ? sql`AND (p.created_at, p.id) < (${after[0]}::timestamptz, ${after[1]}::uuid)` : sql``
  const replyAfter = after ? sql`AND (rr.created_at, rr.review_id) < (${after[0]}::timestamptz, ${after[1]}::uuid)` : sql``
  const result = await sql<FeedKeyRow>`
    SELECT kind, id, created_at, created_at::text AS created_key FROM (
      SELECT 'post' AS kind, p.id, p.created_at
      FROM follows f
      CROSS JOIN LATERAL (
        SELECT p.id, p.created_at FROM merchant_posts p
        WHERE p.merchant_id = f.merchant_id AND p.deleted_at IS NULL ${postAfter}
        ORDER BY p.created_at DESC, p.id DESC LIMIT ${limit}
      ) p
      WHERE f.user_id = ${userId}
      UNION ALL
      SELECT 'review_reply' AS kind, rr.review_id AS id, rr.created_at
      FROM reviews r JOIN review_replies rr ON rr.review_id = r.id
      WHERE r.author_id = ${userId} ${replyAfter}
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
