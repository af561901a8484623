import { type Insertable, sql, type Updateable } from 'kysely'
import type { Executor } from '../db/database'
import type { CreatedPosition } from '../http/keyset-page'
import { isUuid } from '../db/uuid'
import type { CouponClaimRow, CouponRow, CouponTable } from './coupon.table'

export async function insertCoupon(db: Executor, row: Insertable<CouponTable>): Promise<CouponRow> {
  return db.insertInto('coupons').values(row).returningAll().executeTakeFirstOrThrow()
}

export async function findCoupon(db: Executor, id: string): Promise<CouponRow | undefined> {
  if (!isUuid(id)) return undefined
  return db.selectFrom('coupons').selectAll().where('id', '=', id).executeTakeFirst()
}

/** The campaign row, locked until the transaction ends (claims of it wait, and it sees theirs). */
export async function lockCoupon(db: Executor, id: string): Promise<CouponRow | undefined> {
  if (!isUuid(id)) return undefined
  return db.selectFrom('coupons').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()
}

export async function updateCoupon(db: Executor, id: string, changes: Updateable<CouponTable>): Promise<CouponRow | undefined> {
  return db.updateTable('coupons').set({ ...changes, updated_at: sql<Date>`now()` }).where('id', '=', id).returningAll().executeTakeFirst()
}

/** Moves a campaign to `to` only from one of `from` (ended is final). */
export async function setStatusGuarded(db: Executor, id: string, from: CouponRow['status'][], to: CouponRow['status']): Promise<CouponRow | undefined> {
  return db
    .updateTable('coupons')
    .set({ status: to, updated_at: sql<Date>`now()` })
    .where('id', '=', id)
    .where('status', 'in', from)
    .returningAll()
    .executeTakeFirst()
}

/**
 * Up to `limit` of a storefront's campaigns, newest first, strictly after `after` (keyset at the
 * millisecond precision a cursor carries); `liveAt` keeps only active ones not yet ended.
 */
export async function listCoupons(db: Executor, merchantId: string, page: { liveAt?: Date; after?: CreatedPosition; limit: number }): Promise<CouponRow[]> {
  const created = sql`date_trunc('milliseconds', created_at)`
  let q = db.selectFrom('coupons').selectAll().where('merchant_id', '=', merchantId)
  if (page.liveAt) q = q.where('status', '=', 'active').where('ends_at', '>', page.liveAt)
  if (page.after) q = q.where(sql<boolean>`(${created}, id) < (${page.after.createdAt}::timestamptz, ${page.after.id}::uuid)`)
  return q.orderBy(created, 'desc').orderBy('id', 'desc').limit(page.limit).execute()
}

/** Per campaign: claims used by live orders, their discounts and what those orders charged. */
export async function couponStats(db: Executor, couponIds: string[]) {
  if (couponIds.length === 0) return []
  return db
    .selectFrom('coupon_claims as c')
    .innerJoin('orders as o', 'o.id', 'c.used_order_id')
    .select((eb) => [
      'c.coupon_id',
      eb.fn.countAll<string>().as('used'),
      sql<string>`coalesce(sum(o.discount_cents), 0)`.as('discount'),
      sql<string>`coalesce(sum(o.total_cents), 0)`.as('revenue'),
    ])
    .where('c.coupon_id', 'in', couponIds)
    .where('c.status', '=', 'used')
    .groupBy('c.coupon_id')
    .execute()
}

/**
 * Takes one coupon from the campaign: the guarded increment is the only way claimed_count
 * grows, and it locks the row, so concurrent claims of one campaign queue here.
 */
export async function takeOne(db: Executor, couponId: string, now: Date): Promise<CouponRow | undefined> {
  return db
    .updateTable('coupons')
    .set({ claimed_count: sql<number>`claimed_count + 1` })
    .where('id', '=', couponId)
    .where(sql<boolean>`claimed_count < total_quantity`)
    .where('status', '=', 'active')
    .where('ends_at', '>', now)
    .returningAll()
    .executeTakeFirst()
}

/** Inserts the user's next claim (ordinal n+1) unless they already hold per_user_limit; undefined then. */
export async function insertNextClaim(db: Executor, couponId: string, userId: string): Promise<CouponClaimRow | undefined> {
  const result = await sql<CouponClaimRow>`
    INSERT INTO coupon_claims (coupon_id, user_id, ordinal)
    SELECT ${couponId}::uuid, ${userId}::uuid, count(*) + 1
    FROM coupon_claims WHERE coupon_id = ${couponId}::uuid AND user_id = ${userId}::uuid
    HAVING count(*) < (SELECT per_user_limit FROM coupons WHERE id = ${couponId}::uuid)
    ON CONFLICT (coupon_id, user_id, ordinal) DO NOTHING
    RETURNING *`.execute(db)
  return result.rows[0]
}

export async function countClaims(db: Executor, couponId: string, userId: string): Promise<number> {
  const row = await db
    .selectFrom('coupon_claims')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('coupon_id', '=', couponId)
    .where('user_id', '=', userId)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/** The user's oldest unused claim of a coupon, locked; a claim another order is using is skipped. */
export async function lockAvailableClaim(db: Executor, couponId: string, userId: string): Promise<CouponClaimRow | undefined> {
  return db
    .selectFrom('coupon_claims')
    .selectAll()
    .where('coupon_id', '=', couponId)
    .where('user_id', '=', userId)
    .where('status', '=', 'available')
    .orderBy('claimed_at')
    .orderBy('ordinal')
    .limit(1)
    .forUpdate()
    .skipLocked()
    .executeTakeFirst()
}

/** Marks the claim used by `orderId` only while it is still available (single use). */
export async function useClaim(db: Executor, claimId: string, orderId: string, now: Date): Promise<boolean> {
  const row = await db
    .updateTable('coupon_claims')
    .set({ status: 'used', used_order_id: orderId, used_at: now })
    .where('id', '=', claimId)
    .where('status', '=', 'available')
    .returning('id')
    .executeTakeFirst()
  return row !== undefined
}

/** Gives the order's coupon back to its wallet when the campaign is still running. */
export async function returnClaimOf(db: Executor, orderId: string): Promise<void> {
  await db
    .updateTable('coupon_claims')
    .set({ status: 'available', used_order_id: null, used_at: null })
    .where('used_order_id', '=', orderId)
    .where('coupon_id', 'in', (eb) => eb.selectFrom('coupons').select('id').where('status', '<>', 'ended').where('ends_at', '>', sql<Date>`now()`))
    .execute()
}

/**
 * Whether the user has an order at the storefront that was paid or confirmed, or may still be
 * (awaiting its card payment or its shares): not a new customer then. Takes a transaction-long
 * lock on (user, storefront) first, so of several orders placed at once each sees the ones before it.
 */
export async function hasOrderedAt(db: Executor, userId: string, merchantId: string): Promise<boolean> {
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`first-order:${userId}:${merchantId}`}, 0))`.execute(db)
  const row = await db
    .selectFrom('orders')
    .select('id')
    .where('consumer_id', '=', userId)
    .where('merchant_id', '=', merchantId)
    .where('status', 'in', ['pending_payment', 'payment_failed', 'awaiting_shares', 'paid', 'confirmed', 'completed', 'refund_pending'])
    .limit(1)
    .executeTakeFirst()
  return row !== undefined
}

export interface WalletQuery {
  userId: string
  status?: 'available' | 'used' | 'expired'
  merchantId?: string
  now: Date
  after?: { claimedAt: Date; id: string }
  limit: number
}

/** A user's claims with their campaigns, newest first; expired = unused and the campaign over. */
export async function listWallet(db: Executor, q: WalletQuery) {
  let query = db
    .selectFrom('coupon_claims as w')
    .innerJoin('coupons as c', 'c.id', 'w.coupon_id')
    .selectAll('c')
    .select(['w.id as claim_id', 'w.status as claim_status', 'w.claimed_at', 'w.used_order_id', 'w.used_at'])
    .where('w.user_id', '=', q.userId)
  const over = sql<boolean>`(c.status = 'ended' OR c.ends_at <= ${q.now})`
  if (q.status === 'used') query = query.where('w.status', '=', 'used')
  if (q.status === 'available') query = query.where('w.status', '=', 'available').where(sql<boolean>`NOT ${over}`)
  if (q.status === 'expired') query = query.where('w.status', '=', 'available').where(over)
  if (q.merchantId) query = query.where('c.merchant_id', '=', q.merchantId)
  if (q.after) query = query.where(sql<boolean>`(w.claimed_at, w.id) < (${q.after.claimedAt}, ${q.after.id}::uuid)`)
  return query.orderBy('w.claimed_at', 'desc').orderBy('w.id', 'desc').limit(q.limit).execute()
}

/** A claim whose holder is told it is about to expire, with what the event shows. */
export interface ExpiringClaim {
  claim_id: string
  user_id: string
  coupon_id: string
  title: string
  ends_at: Date
  merchant_id: string
  merchant_name: string
}

/**
 * Marks up to `limit` unused claims of campaigns ending in (now, until] as notified and returns
 * them. The guarded UPDATE (expiry_notified_at IS NULL) is what makes the notice once-only:
 * a concurrent runner skips rows another holds (SKIP LOCKED) and re-checks the guard on the rest.
 */
export async function markExpiringClaims(db: Executor, now: Date, until: Date, limit: number): Promise<ExpiringClaim[]> {
  const result = await sql<ExpiringClaim>`
    UPDATE coupon_claims cc SET expiry_notified_at = ${now}
    FROM coupons c JOIN merchants m ON m.id = c.merchant_id
    WHERE cc.id IN (
        SELECT pending.id FROM coupons due
        JOIN coupon_claims pending ON pending.coupon_id = due.id AND pending.status = 'available' AND pending.expiry_notified_at IS NULL
        WHERE due.status <> 'ended' AND due.ends_at > ${now} AND due.ends_at <= ${until}
        ORDER BY due.ends_at, pending.id LIMIT ${limit}
        FOR UPDATE OF pending SKIP LOCKED)
      AND c.id = cc.coupon_id AND cc.status = 'available' AND cc.expiry_notified_at IS NULL
    RETURNING cc.id AS claim_id, cc.user_id, c.id AS coupon_id, c.title, c.ends_at, c.merchant_id, m.name AS merchant_name`.execute(db)
  return result.rows
}
