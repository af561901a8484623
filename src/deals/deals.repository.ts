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

/**
 * Puts back the deal stock a cancelled or refunded order's lines took (order_items.stock_taken),
 * zeroing it in the same statement: only what was taken comes back, and only once, even if the
 * offering became a deal after the order or stopped being one.
 */
export async function returnStock(db: Executor, orderId: string): Promise<void> {
  await sql`
    WITH released AS (
      UPDATE order_items i SET stock_taken = 0
      FROM order_items prior
      WHERE prior.id = i.id AND i.order_id = ${orderId}::uuid AND i.stock_taken > 0
      RETURNING i.offering_id, prior.stock_taken)
    UPDATE offerings o SET sold_count = greatest(o.sold_count - r.quantity, 0)
    FROM (SELECT offering_id, sum(stock_taken)::int AS quantity FROM released GROUP BY offering_id) r
    WHERE o.id = r.offering_id`.execute(db)
}
