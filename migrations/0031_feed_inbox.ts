import { type Kysely, sql } from 'kysely'

/**
 * The feed becomes hybrid: pushed (fan-out on write) for storefronts with fewer than 5,000
 * followers, pulled (fan-out on read, as before) for those that ever reached 5,000.
 *
 * feed_inbox holds, per consumer, a key for every item a pushed storefront they follow put in
 * store_feed_items: a first feed page is then one range scan of the consumer's own rows instead of
 * a sort of one head row per follow (1,000 follows: ~2 ms of database time per page, which no index
 * could take away). Who writes what:
 * - a new store_feed_items row of a pushed storefront is copied to each follower's inbox in the
 *   same transaction (at most 4,999 rows, one statement); its removal takes those rows out again;
 * - following a pushed storefront copies its newest 20 items into the follower's inbox; unfollowing
 *   removes that storefront's rows from it;
 * - merchants.feed_pull turns on, for good, when a storefront's follower count reaches 5,000
 *   (in the follow that reaches it). Its items from then on go to nobody's inbox: the feed reads
 *   them from its timeline, as before, for the few such storefronts the consumer follows. Items it
 *   pushed before the switch may be found both ways; the feed shows each once.
 * A transaction-scoped advisory lock per storefront orders a new item against a follow or
 * unfollow of that storefront (items take it shared, follows exclusive): a post and a follow
 * committing together cannot both miss each other, so the new follower always gets the post.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE merchants ADD COLUMN feed_pull boolean NOT NULL DEFAULT false`.execute(db)
  await sql`CREATE INDEX merchants_feed_pull_idx ON merchants (id) WHERE feed_pull`.execute(db)
  await sql`
    CREATE TABLE feed_inbox (
      user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      created_at timestamptz NOT NULL,
      item_id uuid NOT NULL,
      kind text NOT NULL CHECK (kind IN ('post', 'coupon', 'deal')),
      merchant_id uuid NOT NULL,
      PRIMARY KEY (user_id, created_at, item_id) INCLUDE (kind, merchant_id)
    )`.execute(db)

  await sql`CREATE FUNCTION feed_lock_key(merchant uuid) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$ SELECT hashtextextended('feed:' || merchant::text, 0) $$`.execute(db)

  await sql`
    CREATE FUNCTION feed_inbox_push() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'INSERT' THEN
        PERFORM pg_advisory_xact_lock_shared(feed_lock_key(NEW.merchant_id));
        INSERT INTO feed_inbox (user_id, created_at, item_id, kind, merchant_id)
        SELECT f.user_id, NEW.created_at, NEW.item_id, NEW.kind, NEW.merchant_id FROM follows f
        WHERE f.merchant_id = NEW.merchant_id AND NOT (SELECT m.feed_pull FROM merchants m WHERE m.id = NEW.merchant_id)
        ON CONFLICT DO NOTHING;
      ELSE
        PERFORM pg_advisory_xact_lock_shared(feed_lock_key(OLD.merchant_id));
        -- A pulled storefront's older pushed copies stay behind; the feed skips keys whose item is gone.
        DELETE FROM feed_inbox x USING follows f
        WHERE f.merchant_id = OLD.merchant_id AND x.user_id = f.user_id AND x.created_at = OLD.created_at AND x.item_id = OLD.item_id
          AND NOT (SELECT m.feed_pull FROM merchants m WHERE m.id = OLD.merchant_id);
      END IF;
      RETURN NULL;
    END $$`.execute(db)
  await sql`CREATE TRIGGER feed_inbox_push AFTER INSERT OR DELETE ON store_feed_items FOR EACH ROW EXECUTE FUNCTION feed_inbox_push()`.execute(db)

  // follows_count (migration 0012) keeps its count and per-day tally, and now also the inbox. The
  // lock comes first, before the merchants row lock, so a post waiting on it holds nothing a follow needs.
  await sql`
    CREATE OR REPLACE FUNCTION follows_count() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      pull boolean;
    BEGIN
      IF TG_OP = 'INSERT' THEN
        PERFORM pg_advisory_xact_lock(feed_lock_key(NEW.merchant_id));
        UPDATE merchants SET follower_count = follower_count + 1, feed_pull = feed_pull OR follower_count + 1 >= 5000
        WHERE id = NEW.merchant_id RETURNING feed_pull INTO pull;
        INSERT INTO merchant_follower_days (merchant_id, day, followed) VALUES (NEW.merchant_id, (NEW.created_at AT TIME ZONE 'UTC')::date, 1)
          ON CONFLICT (merchant_id, day) DO UPDATE SET followed = merchant_follower_days.followed + 1;
        IF NOT pull THEN
          INSERT INTO feed_inbox (user_id, created_at, item_id, kind, merchant_id)
          SELECT NEW.user_id, i.created_at, i.item_id, i.kind, i.merchant_id FROM store_feed_items i
          WHERE i.merchant_id = NEW.merchant_id ORDER BY i.created_at DESC, i.item_id DESC LIMIT 20
          ON CONFLICT DO NOTHING;
        END IF;
      ELSE
        PERFORM pg_advisory_xact_lock(feed_lock_key(OLD.merchant_id));
        UPDATE merchants SET follower_count = follower_count - 1 WHERE id = OLD.merchant_id;
        INSERT INTO merchant_follower_days (merchant_id, day, unfollowed) VALUES (OLD.merchant_id, (now() AT TIME ZONE 'UTC')::date, 1)
          ON CONFLICT (merchant_id, day) DO UPDATE SET unfollowed = merchant_follower_days.unfollowed + 1;
        DELETE FROM feed_inbox WHERE user_id = OLD.user_id AND merchant_id = OLD.merchant_id;
      END IF;
      RETURN NULL;
    END $$`.execute(db)

  await sql`UPDATE merchants SET feed_pull = true WHERE follower_count >= 5000`.execute(db)
  // Without statistics on the new column the planner takes half of all storefronts for pulled ones
  // and scans them all instead of the partial index.
  await sql`ANALYZE merchants (feed_pull)`.execute(db)
  // Every current follow of a pushed storefront gets that storefront's newest 20 items.
  await sql`
    INSERT INTO feed_inbox (user_id, created_at, item_id, kind, merchant_id)
    SELECT f.user_id, i.created_at, i.item_id, i.kind, i.merchant_id
    FROM follows f JOIN merchants m ON m.id = f.merchant_id AND NOT m.feed_pull
    CROSS JOIN LATERAL (
      SELECT i.* FROM store_feed_items i WHERE i.merchant_id = f.merchant_id ORDER BY i.created_at DESC, i.item_id DESC LIMIT 20
    ) i`.execute(db)
  await sql`ANALYZE feed_inbox`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE OR REPLACE FUNCTION follows_count() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'INSERT' THEN
        UPDATE merchants SET follower_count = follower_count + 1 WHERE id = NEW.merchant_id;
        INSERT INTO merchant_follower_days (merchant_id, day, followed) VALUES (NEW.merchant_id, (NEW.created_at AT TIME ZONE 'UTC')::date, 1)
          ON CONFLICT (merchant_id, day) DO UPDATE SET followed = merchant_follower_days.followed + 1;
      ELSE
        UPDATE merchants SET follower_count = follower_count - 1 WHERE id = OLD.merchant_id;
        INSERT INTO merchant_follower_days (merchant_id, day, unfollowed) VALUES (OLD.merchant_id, (now() AT TIME ZONE 'UTC')::date, 1)
          ON CONFLICT (merchant_id, day) DO UPDATE SET unfollowed = merchant_follower_days.unfollowed + 1;
      END IF;
      RETURN NULL;
    END $$`.execute(db)
  await sql`DROP TRIGGER feed_inbox_push ON store_feed_items`.execute(db)
  await sql`DROP FUNCTION feed_inbox_push()`.execute(db)
  await sql`DROP FUNCTION feed_lock_key(uuid)`.execute(db)
  await sql`DROP TABLE feed_inbox`.execute(db)
  await sql`DROP INDEX merchants_feed_pull_idx`.execute(db)
  await sql`ALTER TABLE merchants DROP COLUMN feed_pull`.execute(db)
}
