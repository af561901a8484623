import type { Executor } from '../db/database'
import type { OrderRow } from '../orders/order.table'

/** The storefront's order carrying `code`, if any. */
export async function findOrderByCode(db: Executor, merchantId: string, code: string): Promise<OrderRow | undefined> {
  return db.selectFrom('orders').selectAll().where('merchant_id', '=', merchantId).where('redemption_code', '=', code).executeTakeFirst()
}

/** Logs a wrong code tried at the storefront (the limit itself is counted by src/rate-limit). */
export async function recordFailure(db: Executor, merchantId: string, at: Date): Promise<void> {
  await db.insertInto('redemption_failures').values({ merchant_id: merchantId, at }).execute()
}
