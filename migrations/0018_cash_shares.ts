import { type Kysely, sql } from 'kysely'

/**
 * Split orders: a share may be paid at the counter. `cash` = the payer will pay in cash when the
 * order is redeemed; `cash_collected` = the merchant confirmed taking it at redemption. A cash
 * share never has a PaymentIntent (switching to cash after a card payment started is refused),
 * so no card authorisation can hang behind it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE order_shares DROP CONSTRAINT order_shares_status_check`.execute(db)
  await sql`
    ALTER TABLE order_shares ADD CONSTRAINT order_shares_status_check CHECK (status IN
      ('open', 'claimed', 'authorised', 'captured', 'cancelled', 'cash', 'cash_collected'))`.execute(db)
  await sql`
    ALTER TABLE order_shares ADD CONSTRAINT order_shares_cash_no_card_check
      CHECK (status NOT IN ('cash', 'cash_collected') OR payment_intent_id IS NULL)`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE order_shares DROP CONSTRAINT order_shares_cash_no_card_check`.execute(db)
  await sql`UPDATE order_shares SET status = 'cash' WHERE status = 'cash_collected'`.execute(db)
  await sql`ALTER TABLE order_shares DROP CONSTRAINT order_shares_status_check`.execute(db)
  await sql`
    ALTER TABLE order_shares ADD CONSTRAINT order_shares_status_check CHECK (status IN
      ('open', 'claimed', 'authorised', 'captured', 'cancelled', 'cash'))`.execute(db)
}
