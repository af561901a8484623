import { type Kysely, sql } from 'kysely'

/**
 * Orders and payments: orders with their items, state history and idempotency keys; Stripe
 * payout state on storefronts; processed webhook events; bookings of service slots; failed
 * redemption attempts (rate limiting across processes).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    ALTER TABLE merchants
      ADD COLUMN stripe_account_id text UNIQUE,
      ADD COLUMN charges_enabled boolean NOT NULL DEFAULT false,
      ADD COLUMN payouts_enabled boolean NOT NULL DEFAULT false,
      ADD COLUMN details_submitted boolean NOT NULL DEFAULT false`.execute(db)

  await sql`
    CREATE TABLE orders (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      consumer_id uuid NOT NULL REFERENCES users (id),
      merchant_id uuid NOT NULL REFERENCES merchants (id),
      status text NOT NULL CHECK (status IN
        ('pending_payment', 'paid', 'payment_failed', 'confirmed', 'completed', 'cancelled', 'refund_pending', 'refunded')),
      payment_provider text NOT NULL CHECK (payment_provider IN ('stripe', 'cash')),
      payment_intent_id text UNIQUE,
      client_secret text,
      destination_account_id text,
      subtotal_cents bigint NOT NULL CHECK (subtotal_cents >= 0),
      platform_fee_cents bigint NOT NULL CHECK (platform_fee_cents >= 0 AND platform_fee_cents <= total_cents),
      total_cents bigint NOT NULL CHECK (total_cents >= 0),
      currency char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
      redemption_code text UNIQUE CHECK (redemption_code ~ '^[2-9A-HJ-NP-Z]{10}$'),
      refund_recorded_at timestamptz,
      needs_review boolean NOT NULL DEFAULT false,
      review_reason text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (payment_provider = 'stripe' OR payment_intent_id IS NULL),
      CHECK (needs_review = (review_reason IS NOT NULL))
    )`.execute(db)
  await sql`CREATE INDEX orders_consumer_idx ON orders (consumer_id, created_at DESC, id DESC)`.execute(db)
  await sql`CREATE INDEX orders_merchant_idx ON orders (merchant_id, created_at DESC, id DESC)`.execute(db)

  await sql`
    CREATE TABLE order_items (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      order_id uuid NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
      position smallint NOT NULL,
      offering_id uuid NOT NULL REFERENCES offerings (id),
      name text NOT NULL,
      kind text NOT NULL,
      unit_price_cents bigint NOT NULL CHECK (unit_price_cents >= 0),
      quantity integer NOT NULL CHECK (quantity BETWEEN 1 AND 99),
      slot_start timestamptz,
      slot_end timestamptz,
      UNIQUE (order_id, position),
      CHECK ((slot_start IS NULL) = (slot_end IS NULL) AND (slot_end IS NULL OR slot_end > slot_start))
    )`.execute(db)

  // One row per (consumer, Idempotency-Key), claimed first in the order's own transaction so
  // concurrent retries wait for the first one and then find its order.
  await sql`
    CREATE TABLE order_requests (
      consumer_id uuid NOT NULL REFERENCES users (id),
      idempotency_key text NOT NULL CHECK (length(idempotency_key) BETWEEN 1 AND 255),
      request_hash text NOT NULL,
      -- Checked at commit: the key is claimed first, before the order row exists.
      order_id uuid NOT NULL REFERENCES orders (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (consumer_id, idempotency_key)
    )`.execute(db)

  await sql`
    CREATE TABLE order_events (
      id bigserial PRIMARY KEY,
      order_id uuid NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
      from_status text,
      to_status text NOT NULL,
      cause text NOT NULL,
      at timestamptz NOT NULL DEFAULT now()
    )`.execute(db)
  await sql`CREATE INDEX order_events_order_idx ON order_events (order_id, id)`.execute(db)

  await sql`
    CREATE TABLE bookings (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      order_id uuid NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
      offering_id uuid NOT NULL REFERENCES offerings (id),
      slot_start timestamptz NOT NULL,
      slot_end timestamptz NOT NULL CHECK (slot_end > slot_start),
      places integer NOT NULL CHECK (places BETWEEN 1 AND 99),
      active boolean NOT NULL DEFAULT true
    )`.execute(db)
  await sql`CREATE INDEX bookings_offering_slot_idx ON bookings (offering_id, slot_start) WHERE active`.execute(db)
  await sql`CREATE INDEX bookings_order_idx ON bookings (order_id)`.execute(db)

  await sql`
    CREATE TABLE stripe_events (
      event_id text PRIMARY KEY,
      type text NOT NULL,
      processed_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db)

  await sql`
    CREATE TABLE redemption_failures (
      id bigserial PRIMARY KEY,
      merchant_id uuid NOT NULL REFERENCES merchants (id),
      at timestamptz NOT NULL
    )`.execute(db)
  await sql`CREATE INDEX redemption_failures_idx ON redemption_failures (merchant_id, at)`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE redemption_failures, stripe_events, bookings, order_events, order_requests, order_items, orders`.execute(db)
  await sql`
    ALTER TABLE merchants DROP COLUMN stripe_account_id, DROP COLUMN charges_enabled,
      DROP COLUMN payouts_enabled, DROP COLUMN details_submitted`.execute(db)
}
