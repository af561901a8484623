import { type Kysely, sql } from 'kysely'

/**
 * The feed's store arms in one per-storefront timeline, and the "coupon about to expire" notice.
 *
 * store_feed_items holds one row per thing a storefront did that its followers see: a post, a new
 * coupon campaign, a new deal. Triggers on the source tables keep it exact (a deleted post, an
 * ended campaign or a voucher that stops being a deal leaves the feed), so the feed reads one
 * index per followed storefront instead of one per arm: fan-out on read over a store timeline,
 * written once per store item, never once per follower.
 *
 * coupon_claims.expiry_notified_at: set in the same transaction that raises the claim's
 * coupon.expiring event, by a guarded UPDATE (… WHERE expiry_notified_at IS NULL), so several job
 * runners or ticks raise it once.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE store_feed_items (
      kind text NOT NULL CHECK (kind IN ('post', 'coupon', 'deal')),
      item_id uuid NOT NULL,
      merchant_id uuid NOT NULL REFERENCES merchants (id) ON DELETE CASCADE,
      created_at timestamptz NOT NULL,
      PRIMARY KEY (kind, item_id)
    )`.execute(db)
  // Per storefront (a store's items; the feed's per-store path) and platform-wide newest first (its fast path).
  await sql`CREATE INDEX store_feed_items_recent_idx ON store_feed_items (merchant_id, created_at DESC, item_id DESC) INCLUDE (kind)`.execute(db)
  await sql`CREATE INDEX store_feed_items_newest_idx ON store_feed_items (created_at DESC, item_id DESC) INCLUDE (merchant_id, kind)`.execute(db)

  await sql`
    CREATE FUNCTION store_feed_posts() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'INSERT' AND NEW.deleted_at IS NULL THEN
        INSERT INTO store_feed_items (kind, item_id, merchant_id, created_at) VALUES ('post', NEW.id, NEW.merchant_id, NEW.created_at);
      ELSIF TG_OP = 'DELETE' THEN
        DELETE FROM store_feed_items WHERE kind = 'post' AND item_id = OLD.id;
      ELSIF TG_OP = 'UPDATE' AND NEW.deleted_at IS NOT NULL AND OLD.deleted_at IS NULL THEN
        DELETE FROM store_feed_items WHERE kind = 'post' AND item_id = NEW.id;
      END IF;
      RETURN NULL;
    END $$`.execute(db)
  await sql`CREATE TRIGGER store_feed_posts AFTER INSERT OR UPDATE OF deleted_at OR DELETE ON merchant_posts FOR EACH ROW EXECUTE FUNCTION store_feed_posts()`.execute(db)

  // A campaign is news when created; ending it early withdraws it (paused ones may resume, so stay).
  await sql`
    CREATE FUNCTION store_feed_coupons() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'INSERT' AND NEW.status <> 'ended' THEN
        INSERT INTO store_feed_items (kind, item_id, merchant_id, created_at) VALUES ('coupon', NEW.id, NEW.merchant_id, NEW.created_at);
      ELSIF TG_OP = 'DELETE' THEN
        DELETE FROM store_feed_items WHERE kind = 'coupon' AND item_id = OLD.id;
      ELSIF TG_OP = 'UPDATE' AND NEW.status = 'ended' THEN
        DELETE FROM store_feed_items WHERE kind = 'coupon' AND item_id = NEW.id;
      END IF;
      RETURN NULL;
    END $$`.execute(db)
  await sql`CREATE TRIGGER store_feed_coupons AFTER INSERT OR UPDATE OF status OR DELETE ON coupons FOR EACH ROW EXECUTE FUNCTION store_feed_coupons()`.execute(db)

  // A deal is news when an active voucher gets a face value (created so, or edited into one:
  // then it is new as of that edit); it leaves the feed when deactivated or no longer a deal.
  await sql`
    CREATE FUNCTION store_feed_deals() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      was_deal boolean := TG_OP = 'UPDATE' AND OLD.face_value_cents IS NOT NULL AND OLD.active;
      is_deal boolean := TG_OP <> 'DELETE' AND NEW.face_value_cents IS NOT NULL AND NEW.active;
    BEGIN
      IF is_deal AND NOT was_deal THEN
        INSERT INTO store_feed_items (kind, item_id, merchant_id, created_at)
        VALUES ('deal', NEW.id, NEW.merchant_id, CASE WHEN TG_OP = 'INSERT' THEN NEW.created_at ELSE NEW.updated_at END)
        ON CONFLICT (kind, item_id) DO NOTHING;
      ELSIF NOT is_deal AND (was_deal OR TG_OP = 'DELETE') THEN
        DELETE FROM store_feed_items WHERE kind = 'deal' AND item_id = COALESCE(OLD.id, NEW.id);
      END IF;
      RETURN NULL;
    END $$`.execute(db)
  await sql`CREATE TRIGGER store_feed_deals AFTER INSERT OR UPDATE OF face_value_cents, active OR DELETE ON offerings FOR EACH ROW EXECUTE FUNCTION store_feed_deals()`.execute(db)

  await sql`
    INSERT INTO store_feed_items (kind, item_id, merchant_id, created_at)
    SELECT 'post', id, merchant_id, created_at FROM merchant_posts WHERE deleted_at IS NULL
    UNION ALL SELECT 'coupon', id, merchant_id, created_at FROM coupons WHERE status <> 'ended'
    UNION ALL SELECT 'deal', id, merchant_id, created_at FROM offerings WHERE face_value_cents IS NOT NULL AND active`.execute(db)

  await sql`ALTER TABLE coupon_claims ADD COLUMN expiry_notified_at timestamptz`.execute(db)
  // A campaign extended after the notice gets a new one before its new end.
  await sql`
    CREATE FUNCTION coupon_claims_renotify() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      UPDATE coupon_claims SET expiry_notified_at = NULL WHERE coupon_id = NEW.id AND expiry_notified_at IS NOT NULL;
      RETURN NULL;
    END $$`.execute(db)
  await sql`
    CREATE TRIGGER coupon_claims_renotify AFTER UPDATE OF ends_at ON coupons
    FOR EACH ROW WHEN (NEW.ends_at > OLD.ends_at) EXECUTE FUNCTION coupon_claims_renotify()`.execute(db)
  // The expiry job looks up campaigns ending within the notice window, then their unused claims.
  await sql`CREATE INDEX coupons_ends_at_idx ON coupons (ends_at) WHERE status <> 'ended'`.execute(db)
  await sql`CREATE INDEX coupon_claims_expiry_pending_idx ON coupon_claims (coupon_id) WHERE status = 'available' AND expiry_notified_at IS NULL`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX coupon_claims_expiry_pending_idx`.execute(db)
  await sql`DROP INDEX coupons_ends_at_idx`.execute(db)
  await sql`DROP TRIGGER coupon_claims_renotify ON coupons`.execute(db)
  await sql`DROP FUNCTION coupon_claims_renotify()`.execute(db)
  await sql`ALTER TABLE coupon_claims DROP COLUMN expiry_notified_at`.execute(db)
  await sql`DROP TRIGGER store_feed_deals ON offerings`.execute(db)
  await sql`DROP TRIGGER store_feed_coupons ON coupons`.execute(db)
  await sql`DROP TRIGGER store_feed_posts ON merchant_posts`.execute(db)
  await sql`DROP FUNCTION store_feed_deals(), store_feed_coupons(), store_feed_posts()`.execute(db)
  await sql`DROP TABLE store_feed_items`.execute(db)
}
