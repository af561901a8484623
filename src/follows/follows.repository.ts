import { sql } from 'kysely'
import type { Executor } from '../db/database'

/** Follows the storefront; false when `userId` already followed it (nothing changes then). */
export async function insertFollow(db: Executor, userId: string, merchantId: string, now: Date): Promise<boolean> {
  const row = await db
    .insertInto('follows')
    .values({ user_id: userId, merchant_id: merchantId, created_at: now })
    .onConflict((oc) => oc.columns(['user_id', 'merchant_id']).doNothing())
    .returning('merchant_id')
    .executeTakeFirst()
  return row !== undefined
}

/** Stops following; false when `userId` did not follow the storefront. */
export async function deleteFollow(db: Executor, userId: string, merchantId: string): Promise<boolean> {
  const result = await db.deleteFrom('follows').where('user_id', '=', userId).where('merchant_id', '=', merchantId).executeTakeFirst()
  return Number(result.numDeletedRows) > 0
}

/** Whether `userId` follows the storefront. */
export async function isFollowing(db: Executor, userId: string, merchantId: string): Promise<boolean> {
  const row = await db.selectFrom('follows').select('merchant_id').where('user_id', '=', userId).where('merchant_id', '=', merchantId).executeTakeFirst()
  return row !== undefined
}

/** The storefront's exact follower count (kept by the follows trigger). */
export async function followerCount(db: Executor, merchantId: string): Promise<number> {
  const row = await db.selectFrom('merchants').select('follower_count').where('id', '=', merchantId).executeTakeFirst()
  return row?.follower_count ?? 0
}

/** A keyset position in "stores I follow": when followed (exact, as text) and the storefront id. */
export type FollowingKey = [string, string]

export interface FollowingRow {
  merchant_id: string
  name: string
  category: string
  cover_key: string | null
  follower_count: number
  followed_at: Date
  followed_key: string
}

/** Storefronts `userId` follows, most recently followed first, after `after`. */
export async function listFollowing(db: Executor, userId: string, after: FollowingKey | undefined, limit: number): Promise<FollowingRow[]> {
  const afterClause = after ? sql`AND (f.created_at, f.merchant_id) < (${after[0]}::timestamptz, ${after[1]}::uuid)` : sql``
  const result = await sql<FollowingRow>`
    SELECT f.merchant_id, m.name, m.category, m.cover_key, m.follower_count, f.created_at AS followed_at, f.created_at::text AS followed_key
    FROM follows f JOIN merchants m ON m.id = f.merchant_id
    WHERE f.user_id = ${userId} ${afterClause}
    ORDER BY f.created_at DESC, f.merchant_id DESC LIMIT ${limit}`.execute(db)
  return result.rows
}

export interface FollowerDay {
  day: string
  followed: number
  unfollowed: number
  follower_count: number
}

/** Per UTC day from `from` to `to` (inclusive): follows, unfollows and the count at the end of the day. */
export async function followerDays(db: Executor, merchantId: string, from: string, to: string): Promise<FollowerDay[]> {
  const result = await sql<FollowerDay>`
    WITH days AS (
      SELECT d::date AS day FROM generate_series(${from}::date, ${to}::date, interval '1 day') d
    ), tally AS (
      SELECT day, followed, unfollowed FROM merchant_follower_days WHERE merchant_id = ${merchantId} AND day <= ${to}::date
    ), before AS (
      SELECT coalesce(sum(followed - unfollowed), 0)::int AS n FROM tally WHERE day < ${from}::date
    )
    SELECT to_char(d.day, 'YYYY-MM-DD') AS day, coalesce(t.followed, 0) AS followed, coalesce(t.unfollowed, 0) AS unfollowed,
      ((SELECT n FROM before) + sum(coalesce(t.followed, 0) - coalesce(t.unfollowed, 0)) OVER (ORDER BY d.day))::int AS follower_count
    FROM days d LEFT JOIN tally t ON t.day = d.day
    ORDER BY d.day`.execute(db)
  return result.rows
}

/** Which of `userIds` follow the storefront (used to route a post's live event to open streams). */
export async function followersAmong(db: Executor, merchantId: string, userIds: readonly string[]): Promise<string[]> {
  if (userIds.length === 0) return []
  const rows = await db.selectFrom('follows').select('user_id').where('merchant_id', '=', merchantId).where('user_id', 'in', [...userIds]).execute()
  return rows.map((r) => r.user_id)
}
