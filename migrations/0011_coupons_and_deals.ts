import { type Kysely, sql } from 'kysely'

/**
 * Coupon campaigns, the wallet rows consumers claim, the coupon an order used, and deals
 * (vouchers sold below their face value, with optional stock). The database holds every limit:
 * claimed_count never passes total_quantity (CHECK plus the guarded increment), a user's claims
 * are numbered 1..per_user_limit (UNIQUE ordinal), a claim pays for at most one order (UNIQUE
 * used_order_id), and a deal's sold_count never passes its stock.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE coupons (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      merchant_id uuid NOT NULL REFERENCES merchants (id) ON DELETE CASCADE,
      title text NOT NULL CHECK (length(btrim(title)) BETWEEN 1 AND 120),
      kind text NOT NULL CHECK (kind IN ('amount_off', 'percent_off')),
      amount_off_cents bigint CHECK (amount_off_cents BETWEEN 1 AND 99999999),
      percent_off smallint CHECK (percent_off BETWEEN 1 AND 90),
      max_discount_cents bigint CHECK (max_discount_cents BETWEEN 1 AND 99999999),
      min_spend_cents bigint NOT NULL DEFAULT 0 CHECK (min_spend_cents BETWEEN 0 AND 99999999),
      currency char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
      starts_at timestamptz NOT NULL,
      ends_at timestamptz NOT NULL,
      total_quantity integer NOT NULL CHECK (total_quantity BETWEEN 1 AND 1000000),
      claimed_count integer NOT NULL DEFAULT 0 CHECK (claimed_count >= 0 AND claimed_count <= total_quantity),
      per_user_limit smallint NOT NULL DEFAULT 1 CHECK (per_user_limit BETWEEN 1 AND 100),
      new_customers_only boolean NOT NULL DEFAULT false,
      offering_ids uuid[] NOT NULL DEFAULT '{}' CHECK (cardinality(offering_ids) <= 100),
      status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'paused', 'ended')),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (ends_at > starts_at),
      CHECK (
        (kind = 'amount_off' AND amount_off_cents IS NOT NULL AND percent_off IS NULL AND max_discount_cents IS NULL)
        OR (kind = 'percent_off' AND percent_off IS NOT NULL AND amount_off_cents IS NULL)
      )
    )`.execute(db)
  await sql`CREATE INDEX coupons_merchant_idx ON coupons (merchant_id, created_at DESC, id DESC)`.execute(db)
  await sql`CREATE INDEX coupons_live_idx ON coupons (merchant_id, ends_at) WHERE status = 'active'`.execute(db)

  await sql`
    CREATE TABLE coupon_claims (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      coupon_id uuid NOT NULL REFERENCES coupons (id) ON DELETE CASCADE,
      user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      -- The user's n-th claim of this coupon; the claim statement only writes n <= per_user_limit,
      -- and UNIQUE makes two concurrent claims of one user collide instead of both landing.
      ordinal smallint NOT NULL CHECK (ordinal BETWEEN 1 AND 100),
      claimed_at timestamptz NOT NULL DEFAULT now(),
      used_order_id uuid UNIQUE REFERENCES orders (id) ON DELETE SET NULL,
      used_at timestamptz,
      status text NOT NULL DEFAULT 'available' CHECK (status IN ('available', 'used')),
      UNIQUE (coupon_id, user_id, ordinal),
      CHECK ((status = 'used') = (used_at IS NOT NULL)),
      CHECK (status = 'used' OR used_order_id IS NULL)
    )`.execute(db)
  await sql`CREATE INDEX coupon_claims_wallet_idx ON coupon_claims (user_id, claimed_at DESC, id DESC)`.execute(db)

  // subtotal_cents already exists (what the items cost); total_cents stays what is charged.
  await sql`ALTER TABLE orders ADD COLUMN discount_cents bigint NOT NULL DEFAULT 0 CHECK (discount_cents >= 0)`.execute(db)
  await sql`ALTER TABLE orders ADD COLUMN coupon_claim_id uuid REFERENCES coupon_claims (id) ON DELETE SET NULL`.execute(db)
  await sql`UPDATE orders SET subtotal_cents = total_cents WHERE subtotal_cents <> total_cents`.execute(db)
  await sql`ALTER TABLE orders ADD CONSTRAINT orders_discount_adds_up CHECK (total_cents = subtotal_cents - discount_cents)`.execute(db)
  await sql`CREATE INDEX orders_coupon_claim_idx ON orders (coupon_claim_id) WHERE coupon_claim_id IS NOT NULL`.execute(db)

  // Deals: a voucher sold below what it is worth in store, optionally in limited stock.
  await sql`ALTER TABLE offerings ADD COLUMN face_value_cents bigint CHECK (face_value_cents BETWEEN 1 AND 99999999)`.execute(db)
  await sql`ALTER TABLE offerings ADD COLUMN stock integer CHECK (stock BETWEEN 0 AND 1000000)`.execute(db)
  await sql`ALTER TABLE offerings ADD COLUMN sold_count integer NOT NULL DEFAULT 0 CHECK (sold_count >= 0)`.execute(db)
  await sql`ALTER TABLE offerings ADD COLUMN valid_until timestamptz`.execute(db)
  await sql`
    ALTER TABLE offerings ADD CONSTRAINT offerings_deal_rules CHECK (
      (face_value_cents IS NULL OR (kind = 'voucher' AND price_cents < face_value_cents))
      AND (stock IS NULL OR sold_count <= stock)
      AND ((stock IS NULL AND valid_until IS NULL) OR face_value_cents IS NOT NULL)
    )`.execute(db)
  await sql`CREATE INDEX offerings_deals_idx ON offerings (merchant_id) WHERE face_value_cents IS NOT NULL AND active`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE offerings DROP CONSTRAINT offerings_deal_rules`.execute(db)
  await sql`ALTER TABLE offerings DROP COLUMN face_value_cents, DROP COLUMN stock, DROP COLUMN sold_count, DROP COLUMN valid_until`.execute(db)
  await sql`ALTER TABLE orders DROP CONSTRAINT orders_discount_adds_up`.execute(db)
  await sql`ALTER TABLE orders DROP COLUMN coupon_claim_id, DROP COLUMN discount_cents`.execute(db)
  await sql`DROP TABLE coupon_claims`.execute(db)
  await sql`DROP TABLE coupons`.execute(db)
}
