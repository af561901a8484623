import { type RawBuilder, sql } from 'kysely'
import type { Executor } from '../db/database'
import { pgArray } from './candidates.repository'

/** What a user did at a storefront, strongest first; each kind has a weight in rank.ts. */
export type SignalKind = 'redeemed' | 'ordered' | 'reviewed_well' | 'reviewed' | 'reviewed_badly' | 'followed' | 'claimed_coupon' | 'viewed'

/** How often the user did `kind` at a storefront (since their history was last cleared). */
export interface SignalRow {
  merchant_id: string
  merchant_name: string
  category: string
  tags: string[]
  kind: SignalKind
  n: number
  last_at: Date
}

/** The account's personalisation switch and when it last cleared its history. */
export interface PersonalisationRow {
  personalisation: boolean
  history_cleared_at: Date | null
}

/** Orders that count as a visit: paid or cash-confirmed, and redeemed ones. */
export const VISIT_STATUSES = ['paid', 'confirmed', 'completed'] as const

/** The account's personalisation settings, or undefined when it no longer exists. */
export async function findSettings(db: Executor, userId: string): Promise<PersonalisationRow | undefined> {
  return db.selectFrom('users').select(['personalisation', 'history_cleared_at']).where('id', '=', userId).executeTakeFirst()
}

/** Turns history-based personalisation on or off; false when the account no longer exists. */
export async function setPersonalisation(db: Executor, userId: string, on: boolean): Promise<PersonalisationRow | undefined> {
  return db.updateTable('users').set({ personalisation: on }).where('id', '=', userId).returning(['personalisation', 'history_cleared_at']).executeTakeFirst()
}

/** Forgets views and marks every older order, review, follow and claim as no longer a signal. */
export async function clearHistory(db: Executor, userId: string, now: Date): Promise<void> {
  await db.deleteFrom('storefront_views').where('user_id', '=', userId).execute()
  await db.updateTable('users').set({ history_cleared_at: now }).where('id', '=', userId).execute()
}

/** Records a view; the primary key (user, storefront, UTC day) drops repeats the same day. */
export async function recordView(db: Executor, userId: string, merchantId: string, now: Date): Promise<boolean> {
  const row = await db
    .insertInto('storefront_views')
    .values({ user_id: userId, merchant_id: merchantId, day: now.toISOString().slice(0, 10), viewed_at: now })
    .onConflict((oc) => oc.columns(['user_id', 'merchant_id', 'day']).doNothing())
    .returning('merchant_id')
    .executeTakeFirst()
  return row !== undefined
}

/**
 * Every signal of `userId` after `after` (an SQL expression, so the profile query can read it from
 * users), grouped by storefront and kind. Each row is an aggregate of the user's own orders,
 * reviews, follows, coupon claims or views.
 */
export function signalsSince(userId: string, after: RawBuilder<unknown>): RawBuilder<SignalRow> {
  return sql<SignalRow>`
    SELECT s.merchant_id, m.name AS merchant_name, m.category, m.tags, s.kind, count(*)::int AS n, max(s.at) AS last_at
    FROM (
      SELECT merchant_id, CASE WHEN status = 'completed' THEN 'redeemed' ELSE 'ordered' END AS kind, created_at AS at
        FROM orders WHERE consumer_id = ${userId} AND status IN ('paid', 'confirmed', 'completed') AND created_at > ${after}
      UNION ALL
      SELECT merchant_id, CASE WHEN rating >= 4 THEN 'reviewed_well' WHEN rating <= 2 THEN 'reviewed_badly' ELSE 'reviewed' END, created_at
        FROM reviews WHERE author_id = ${userId} AND created_at > ${after}
      UNION ALL
      SELECT merchant_id, 'followed', created_at FROM follows WHERE user_id = ${userId} AND created_at > ${after}
      UNION ALL
      SELECT c.merchant_id, 'claimed_coupon', cc.claimed_at FROM coupon_claims cc JOIN coupons c ON c.id = cc.coupon_id
        WHERE cc.user_id = ${userId} AND cc.claimed_at > ${after}
      UNION ALL
      SELECT merchant_id, 'viewed', viewed_at FROM storefront_views WHERE user_id = ${userId} AND viewed_at > ${after}
    ) s JOIN merchants m ON m.id = s.merchant_id
    GROUP BY s.merchant_id, m.name, m.category, m.tags, s.kind`
}

/**
 * Storefronts never recommended to the user, as a subquery of one column (the profile query reads
 * it beside the signals): those they marked "Not interested" or reported, those they visited
 * (ordered at) today in the store's zone, and (`ownsStorefronts`: a merchant account) their own.
 *
 * Written so that Postgres keeps one generic plan of the profile statement instead of planning it
 * on every call (planning cost ~3× the run): the two-day bound is a sub-select, so no plan knows its
 * value and the generic one is not dearer than a custom one; the owner arm is left out for consumer
 * accounts (only a merchant account owns storefronts), since a generic plan guesses the rows of
 * `owner_id = $n` from how many owners there are, and a platform with few owners of many stores
 * would make that a scan of every storefront.
 */
export function excludedStorefronts(userId: string, at: Date, ownsStorefronts: boolean): RawBuilder<{ merchant_id: string }> {
  return sql`
    SELECT merchant_id FROM hidden_storefronts WHERE user_id = ${userId}
    UNION
    SELECT merchant_id FROM storefront_reports WHERE user_id = ${userId}
    UNION
    SELECT o.merchant_id FROM orders o JOIN merchants m ON m.id = o.merchant_id
    WHERE o.consumer_id = ${userId} AND o.status IN ('paid', 'confirmed', 'completed')
      AND o.created_at > (SELECT ${at}::timestamptz - interval '2 days')
      AND (o.created_at AT TIME ZONE m.timezone)::date = (${at}::timestamptz AT TIME ZONE m.timezone)::date
    ${ownsStorefronts ? sql`UNION
    SELECT id FROM merchants WHERE owner_id = ${userId}` : sql``}`
}

/** Which of `merchantIds` the user reported or marked "Not interested" (for pages of an earlier snapshot). */
export async function reportedOrHidden(db: Executor, userId: string, merchantIds: readonly string[]): Promise<Set<string>> {
  if (merchantIds.length === 0) return new Set()
  const ids = pgArray(merchantIds)
  const result = await sql<{ merchant_id: string }>`
    SELECT merchant_id FROM storefront_reports WHERE user_id = ${userId} AND merchant_id = ANY(${ids}::uuid[])
    UNION
    SELECT merchant_id FROM hidden_storefronts WHERE user_id = ${userId} AND merchant_id = ANY(${ids}::uuid[])`.execute(db)
  return new Set(result.rows.map((r) => r.merchant_id))
}

/** Marks a storefront "Not interested" (idempotent). */
export async function hideStorefront(db: Executor, userId: string, merchantId: string, now: Date): Promise<void> {
  await db.insertInto('hidden_storefronts').values({ user_id: userId, merchant_id: merchantId, created_at: now })
    .onConflict((oc) => oc.columns(['user_id', 'merchant_id']).doNothing()).execute()
}

/** Shows a hidden storefront again (idempotent). */
export async function unhideStorefront(db: Executor, userId: string, merchantId: string): Promise<void> {
  await db.deleteFrom('hidden_storefronts').where('user_id', '=', userId).where('merchant_id', '=', merchantId).execute()
}
