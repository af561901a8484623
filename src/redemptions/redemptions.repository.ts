import { sql } from 'kysely'
import type { Executor } from '../db/database'
import type { OrderRow } from '../orders/order.table'

/** The storefront's order carrying `code`, if any. */
export async function findOrderByCode(db: Executor, merchantId: string, code: string): Promise<OrderRow | undefined> {
  return db.selectFrom('orders').selectAll().where('merchant_id', '=', merchantId).where('redemption_code', '=', code).executeTakeFirst()
}

/** Wrong codes tried at the storefront since `since`, and when the oldest of them was. */
export async function recentFailures(db: Executor, merchantId: string, since: Date): Promise<{ count: number; oldest: Date | null }> {
  const row = await db
    .selectFrom('redemption_failures')
    .select([sql<number>`count(*)::int`.as('count'), sql<Date | null>`min(at)`.as('oldest')])
    .where('merchant_id', '=', merchantId)
    .where('at', '>', since)
    .executeTakeFirstOrThrow()
  return { count: Number(row.count), oldest: row.oldest ? new Date(row.oldest) : null }
}

export async function recordFailure(db: Executor, merchantId: string, at: Date): Promise<void> {
  await db.insertInto('redemption_failures').values({ merchant_id: merchantId, at }).execute()
}
