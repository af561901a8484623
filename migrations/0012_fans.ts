import { type Kysely, sql } from 'kysely'

/**
 * Fans: who follows which storefront (with an exact follower count kept by a trigger and a
 * per-day follow/unfollow tally for owners), store news posts with photos, and the per-user
 * event log behind the live event stream (GET /v1/me/events replays it after a reconnect).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE follows (
      user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      merchant_id uuid NOT NULL REFERENCES merchants (id) ON DELETE CASCADE,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (user_id, merchant_id)
    )`.execute(db)
  await sql`CREATE INDEX follows_merchant_idx ON follows (merchant_id, created_at)`.execute(db)
  // "Stores I follow", newest first, keyset-paged.
  await sql`CREATE INDEX follows_user_recent_idx ON follows (user_id, created_at DESC, merchant_id DESC)`.execute(db)

  await sql`ALTER TABLE merchants ADD COLUMN follower_count integer NOT NULL DEFAULT 0 CHECK (follower_count >= 0)`.execute(db)
  // Follows and unfollows per storefront per UTC day; the count at the end of a day is the running sum.
  await sql`
    CREATE TABLE merchant_follower_days (
      merchant_id uuid NOT NULL REFERENCES merchants (id) ON DELETE CASCADE,
      day date NOT NULL,
      followed integer NOT NULL DEFAULT 0 CHECK (followed >= 0),
      unfollowed integer NOT NULL DEFAULT 0 CHECK (unfollowed >= 0),
      PRIMARY KEY (merchant_id, day)
    )`.execute(db)
  // Row trigger in the same transaction as the follow: the merchant row lock serializes
  // concurrent follows of one storefront, so the count is exact.
  await sql`
    CREATE FUNCTION follows_count() RETURNS trigger LANGUAGE plpgsql AS $$
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
  await sql`CREATE TRIGGER follows_count AFTER INSERT OR DELETE ON follows FOR EACH ROW EXECUTE FUNCTION follows_count()`.execute(db)

  await sql`
    CREATE TABLE merchant_posts (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      merchant_id uuid NOT NULL REFERENCES merchants (id) ON DELETE CASCADE,
      author_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      text text NOT NULL CHECK (length(btrim(text)) BETWEEN 1 AND 1000),
      -- TODO(merge): REFERENCES coupons (id) once the coupons table (0011) is in.
      coupon_id uuid,
      photo_count smallint NOT NULL DEFAULT 0 CHECK (photo_count BETWEEN 0 AND 4),
      created_at timestamptz NOT NULL DEFAULT now(),
      edited_at timestamptz,
      deleted_at timestamptz
    )`.execute(db)
  // The feed and the storefront's post list read live posts per storefront in keyset order.
  await sql`CREATE INDEX merchant_posts_recent_idx ON merchant_posts (merchant_id, created_at DESC, id DESC) WHERE deleted_at IS NULL`.execute(db)
  await sql`
    CREATE TABLE merchant_post_photos (
      post_id uuid NOT NULL REFERENCES merchant_posts (id) ON DELETE CASCADE,
      position smallint NOT NULL CHECK (position BETWEEN 0 AND 3),
      upload_id uuid NOT NULL UNIQUE REFERENCES uploads (id) ON DELETE CASCADE,
      PRIMARY KEY (post_id, position)
    )`.execute(db)
  // Feed arm "replies to my reviews": replies in keyset order per review author.
  await sql`CREATE INDEX review_replies_created_idx ON review_replies (created_at DESC, review_id DESC)`.execute(db)

  // One row per event; either for one user (their order changed) or for a storefront's
  // followers (it posted), which readers fan out on read like the feed.
  await sql`
    CREATE TABLE user_events (
      id bigserial PRIMARY KEY,
      user_id uuid REFERENCES users (id) ON DELETE CASCADE,
      merchant_id uuid REFERENCES merchants (id) ON DELETE CASCADE,
      type text NOT NULL CHECK (type IN ('order.status_changed', 'store.posted', 'coupon.expiring')),
      payload jsonb NOT NULL CHECK (jsonb_typeof(payload) = 'object'),
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((user_id IS NULL) <> (merchant_id IS NULL))
    )`.execute(db)
  await sql`CREATE INDEX user_events_user_idx ON user_events (user_id, id) WHERE user_id IS NOT NULL`.execute(db)
  await sql`CREATE INDEX user_events_merchant_idx ON user_events (merchant_id, id) WHERE merchant_id IS NOT NULL`.execute(db)
  await sql`CREATE INDEX user_events_created_idx ON user_events (created_at)`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE user_events, merchant_post_photos, merchant_posts, merchant_follower_days, follows`.execute(db)
  await sql`DROP INDEX review_replies_created_idx`.execute(db)
  await sql`DROP FUNCTION follows_count()`.execute(db)
  await sql`ALTER TABLE merchants DROP COLUMN follower_count`.execute(db)
}
