import { sql } from 'kysely'
import type { Executor } from '../db/database'

/** The deal columns of these offerings (face value set = a deal). */
export async function findDeals(db: Executor, offeringIds: string[]) {
  if (offeringIds.length === 0) return []
  return db
    .selectFrom('offerings')
    .select(['id', 'face_value_cents', 'stock', 'sold_count', 'valid_until'])
    .where('id', 'in', offeringIds)
    .where('face_value_cents', 'is not', null)
    .execute()
}

/** Sells `quantity` of a deal only while stock allows (the guarded UPDATE is the whole stock rule). */
export async function takeStock(db: Executor, offeringId: string, quantity: number): Promise<boolean> {
  const row = await db
    .updateTable('offerings')
    .set({ sold_count: sql<number>`sold_count + ${quantity}` })
    .where('id', '=', offeringId)
    .where(sql<boolean>`(stock IS NULL OR sold_count + ${quantity} <= stock)`)
    .returning('id')
    .executeTakeFirst()
  return row !== undefined
}

/** Puts a cancelled or refunded order's deal vouchers back into stock. */
export async function returnStock(db: Executor, orderId: string): Promise<void> {
  await sql`
    UPDATE offerings o SET sold_count = greatest(o.sold_count - i.quantity, 0)
    FROM (SELECT offering_id, sum(quantity)::int AS quantity FROM order_items WHERE order_id = ${orderId}::uuid GROUP BY offering_id) i
    WHERE o.id = i.offering_id AND o.face_value_cents IS NOT NULL`.execute(db)
}
