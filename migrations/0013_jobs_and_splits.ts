import { type Kysely, sql } from 'kysely'

/**
 * A durable job queue on the database itself: every timed task (upload cleanup, unpaid-order
 * expiry) is a row claimed with FOR UPDATE SKIP LOCKED, so it survives restarts and runs once in
 * effect with several processes on one database. Split orders: an order paid in shares by several
 * people (order_splits, order_shares) and the statuses awaiting_shares and expired.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE jobs (
      id bigserial PRIMARY KEY,
      kind text NOT NULL CHECK (kind ~ '^[a-z][a-z0-9-]{0,62}$'),
      -- At most one job per key, ever (done ones included): enqueueing twice is a no-op.
      dedupe_key text UNIQUE CHECK (length(dedupe_key) BETWEEN 1 AND 255),
      payload jsonb NOT NULL DEFAULT '{}',
      run_at timestamptz NOT NULL,
      -- Recurring jobs are rescheduled this long after each run instead of being marked done.
      every_ms bigint CHECK (every_ms > 0),
      attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
      max_attempts integer NOT NULL DEFAULT 10 CHECK (max_attempts >= 1),
      locked_until timestamptz,
      locked_by text,
      done_at timestamptz,
      last_error text,
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((locked_until IS NULL) = (locked_by IS NULL)),
      CHECK (done_at IS NULL OR every_ms IS NULL)
    )`.execute(db)
  await sql`CREATE INDEX jobs_due_idx ON jobs (run_at) WHERE done_at IS NULL`.execute(db)

  await sql`ALTER TABLE orders DROP CONSTRAINT orders_status_check`.execute(db)
  await sql`
    ALTER TABLE orders ADD CONSTRAINT orders_status_check CHECK (status IN
      ('pending_payment', 'paid', 'payment_failed', 'confirmed', 'completed', 'cancelled', 'refund_pending', 'refunded',
       'awaiting_shares', 'expired'))`.execute(db)

  await sql`
    CREATE TABLE order_splits (
      order_id uuid PRIMARY KEY REFERENCES orders (id) ON DELETE CASCADE,
      share_count smallint NOT NULL CHECK (share_count BETWEEN 2 AND 20),
      deadline_at timestamptz NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db)
  await sql`
    CREATE TABLE order_shares (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      order_id uuid NOT NULL REFERENCES order_splits (order_id) ON DELETE CASCADE,
      position smallint NOT NULL CHECK (position BETWEEN 0 AND 19),
      amount_cents bigint NOT NULL CHECK (amount_cents > 0),
      platform_fee_cents bigint NOT NULL CHECK (platform_fee_cents >= 0 AND platform_fee_cents <= amount_cents),
      -- 32 random bytes, base64url: the link itself is the capability to see and claim the share.
      invite_token text NOT NULL UNIQUE CHECK (invite_token ~ '^[A-Za-z0-9_-]{43}$'),
      payer_user_id uuid REFERENCES users (id),
      status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'claimed', 'authorised', 'captured', 'cancelled', 'cash')),
      payment_intent_id text UNIQUE,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (order_id, position),
      -- One share per person per order.
      UNIQUE (order_id, payer_user_id),
      CHECK (status IN ('open', 'cancelled') OR payer_user_id IS NOT NULL),
      CHECK (status NOT IN ('authorised', 'captured') OR payment_intent_id IS NOT NULL)
    )`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE order_shares, order_splits, jobs`.execute(db)
  await sql`ALTER TABLE orders DROP CONSTRAINT orders_status_check`.execute(db)
  await sql`
    ALTER TABLE orders ADD CONSTRAINT orders_status_check CHECK (status IN
      ('pending_payment', 'paid', 'payment_failed', 'confirmed', 'completed', 'cancelled', 'refund_pending', 'refunded'))`.execute(db)
}
