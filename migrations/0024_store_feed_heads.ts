import { type Kysely, sql } from 'kysely'

/**
 * Each storefront's newest feed item, so a feed over 1,000 followed storefronts reads one small
 * row per follow instead of probing each storefront's timeline.
 *
 * store_feed_heads holds, per storefront with at least one item in store_feed_items, the
 * (created_at, item_id) of its newest one. A trigger on store_feed_items keeps it exact in the same
 * transaction: an insert raises the head (an upsert that only moves it forward, so concurrent
 * inserts settle on the newest); deleting the head item locks the head row, then reads the next
 * newest in a fresh statement (READ COMMITTED: it sees everything committed while it waited), or
 * drops the row when the storefront has no items left.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE store_feed_heads (
      merchant_id uuid PRIMARY KEY REFERENCES merchants (id) ON DELETE CASCADE,
      item_at timestamptz NOT NULL,
      item_id uuid NOT NULL
    )`.execute(db)

  await sql`
    CREATE FUNCTION store_feed_heads_keep() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'INSERT' THEN
        INSERT INTO store_feed_heads AS h (merchant_id, item_at, item_id) VALUES (NEW.merchant_id, NEW.created_at, NEW.item_id)
        ON CONFLICT (merchant_id) DO UPDATE SET item_at = EXCLUDED.item_at, item_id = EXCLUDED.item_id
        WHERE (EXCLUDED.item_at, EXCLUDED.item_id) > (h.item_at, h.item_id);
        RETURN NULL;
      END IF;
      PERFORM 1 FROM store_feed_heads WHERE merchant_id = OLD.merchant_id AND item_at = OLD.created_at AND item_id = OLD.item_id FOR UPDATE;
      IF NOT FOUND THEN RETURN NULL; END IF; -- not the head (or a newer one arrived meanwhile)
      UPDATE store_feed_heads h SET item_at = n.created_at, item_id = n.item_id
      FROM (
        SELECT i.created_at, i.item_id FROM store_feed_items i WHERE i.merchant_id = OLD.merchant_id
        ORDER BY i.created_at DESC, i.item_id DESC LIMIT 1
      ) n
      WHERE h.merchant_id = OLD.merchant_id;
      IF NOT FOUND THEN DELETE FROM store_feed_heads WHERE merchant_id = OLD.merchant_id; END IF;
      RETURN NULL;
    END $$`.execute(db)
  await sql`CREATE TRIGGER store_feed_heads_keep AFTER INSERT OR DELETE ON store_feed_items FOR EACH ROW EXECUTE FUNCTION store_feed_heads_keep()`.execute(db)

  // One pass over the per-storefront index (newest first within each storefront).
  await sql`
    INSERT INTO store_feed_heads (merchant_id, item_at, item_id)
    SELECT DISTINCT ON (merchant_id) merchant_id, created_at, item_id FROM store_feed_items
    ORDER BY merchant_id, created_at DESC, item_id DESC`.execute(db)
  await sql`ANALYZE store_feed_heads`.execute(db)
  // The platform-wide index only served the feed's former "newest 1,000 items" path.
  await sql`DROP INDEX store_feed_items_newest_idx`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`CREATE INDEX store_feed_items_newest_idx ON store_feed_items (created_at DESC, item_id DESC) INCLUDE (merchant_id, kind)`.execute(db)
  await sql`DROP TRIGGER store_feed_heads_keep ON store_feed_items`.execute(db)
  await sql`DROP FUNCTION store_feed_heads_keep()`.execute(db)
  await sql`DROP TABLE store_feed_heads`.execute(db)
}
