import { type Kysely, sql } from 'kysely'

// The event stream also tells a storefront's owner about its orders (placed, paid, cancelled,
// redeemed …), addressed to the owner's user id like any personal event.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE user_events DROP CONSTRAINT user_events_type_check`.execute(db)
  await sql`ALTER TABLE user_events ADD CONSTRAINT user_events_type_check
    CHECK (type IN ('order.status_changed', 'store.posted', 'coupon.expiring', 'merchant.order'))`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DELETE FROM user_events WHERE type = 'merchant.order'`.execute(db)
  await sql`ALTER TABLE user_events DROP CONSTRAINT user_events_type_check`.execute(db)
  await sql`ALTER TABLE user_events ADD CONSTRAINT user_events_type_check
    CHECK (type IN ('order.status_changed', 'store.posted', 'coupon.expiring'))`.execute(db)
}
