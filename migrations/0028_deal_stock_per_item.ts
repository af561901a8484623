import { type Kysely, sql } from 'kysely'

/**
 * order_items.stock_taken: how many of the line's units took deal stock when the order was placed.
 *
 * Cancelling or refunding an order gave back stock for every line whose offering is a deal *now*,
 * so an order placed while a voucher was not yet a deal (no stock taken) returned stock it never
 * took, and the deal could then be sold past its stock. Each line now records what it took, and
 * giving it back zeroes the record in the same statement, so stock returns once and only what was
 * taken. Existing lines of live orders on today's deals are assumed to have taken their quantity.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE order_items ADD COLUMN stock_taken integer NOT NULL DEFAULT 0`.execute(db)
  await sql`ALTER TABLE order_items ADD CONSTRAINT order_items_stock_taken_check CHECK (stock_taken BETWEEN 0 AND quantity)`.execute(db)
  await sql`
    UPDATE order_items i SET stock_taken = i.quantity
    FROM offerings o, orders ord
    WHERE o.id = i.offering_id AND o.face_value_cents IS NOT NULL
      AND ord.id = i.order_id AND ord.status NOT IN ('cancelled', 'refunded', 'expired')`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE order_items DROP COLUMN stock_taken`.execute(db)
}
