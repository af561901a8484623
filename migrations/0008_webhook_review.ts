import { type Kysely, sql } from 'kysely'

/**
 * Webhook review and amount bounds: Stripe events whose shape or amounts do not fit are kept with
 * a reason and their payload for a person to look at; orders remember how much was refunded
 * (partial refunds included); prices and order totals stay within 99,999,999 minor units.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE stripe_events ADD COLUMN review_reason text, ADD COLUMN payload jsonb`.execute(db)
  await sql`CREATE INDEX stripe_events_review_idx ON stripe_events (processed_at) WHERE review_reason IS NOT NULL`.execute(db)
  await sql`
    ALTER TABLE orders
      ADD COLUMN refunded_cents bigint NOT NULL DEFAULT 0 CHECK (refunded_cents >= 0 AND refunded_cents <= total_cents)`.execute(db)
  // NOT VALID: rows written before these bounds existed stay readable; every new write is checked.
  await sql`ALTER TABLE orders ADD CONSTRAINT orders_total_max CHECK (total_cents <= 99999999) NOT VALID`.execute(db)
  await sql`ALTER TABLE offerings ADD CONSTRAINT offerings_price_max CHECK (price_cents <= 99999999) NOT VALID`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE offerings DROP CONSTRAINT offerings_price_max`.execute(db)
  await sql`ALTER TABLE orders DROP CONSTRAINT orders_total_max, DROP COLUMN refunded_cents`.execute(db)
  await sql`DROP INDEX stripe_events_review_idx`.execute(db)
  await sql`ALTER TABLE stripe_events DROP COLUMN review_reason, DROP COLUMN payload`.execute(db)
}
