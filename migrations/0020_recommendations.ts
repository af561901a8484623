import { type Kysely, sql } from 'kysely'

/**
 * "For you": personalisation settings on accounts, storefront views (one row per user, storefront
 * and UTC day), chosen interests, "Not interested" storefronts, the item-to-item co-visitation
 * similarity and popularity tables a recurring job refreshes, and ranked snapshots that a
 * recommendations cursor walks (so pages never repeat or skip while signals change).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    ALTER TABLE users
      ADD COLUMN personalisation boolean NOT NULL DEFAULT true,
      ADD COLUMN history_cleared_at timestamptz`.execute(db)

  // The primary key is the per-day deduplication: a second view the same day changes nothing.
  await sql`
    CREATE TABLE storefront_views (
      user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      merchant_id uuid NOT NULL REFERENCES merchants (id) ON DELETE CASCADE,
      day date NOT NULL,
      viewed_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (user_id, merchant_id, day)
    )`.execute(db)
  await sql`CREATE INDEX storefront_views_merchant_idx ON storefront_views (merchant_id, day)`.execute(db)

  await sql`
    CREATE TABLE user_interests (
      user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      tag text NOT NULL CHECK (tag ~ '^[a-z][a-z0-9-]{0,39}$'),
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (user_id, tag)
    )`.execute(db)
  await sql`CREATE INDEX user_interests_tag_idx ON user_interests (tag)`.execute(db)

  await sql`
    CREATE TABLE hidden_storefronts (
      user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      merchant_id uuid NOT NULL REFERENCES merchants (id) ON DELETE CASCADE,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (user_id, merchant_id)
    )`.execute(db)

  // Rebuilt whole by the 'refresh-recommendations' job; readers only ever see a committed set.
  await sql`
    CREATE TABLE storefront_similarity (
      merchant_id uuid NOT NULL REFERENCES merchants (id) ON DELETE CASCADE,
      similar_id uuid NOT NULL REFERENCES merchants (id) ON DELETE CASCADE,
      score real NOT NULL CHECK (score > 0 AND score <= 1),
      co_visitors integer NOT NULL CHECK (co_visitors >= 1),
      PRIMARY KEY (merchant_id, similar_id),
      CHECK (merchant_id <> similar_id)
    )`.execute(db)
  await sql`
    CREATE TABLE storefront_popularity (
      merchant_id uuid PRIMARY KEY REFERENCES merchants (id) ON DELETE CASCADE,
      visitors integer NOT NULL CHECK (visitors >= 1),
      computed_at timestamptz NOT NULL
    )`.execute(db)

  await sql`
    CREATE TABLE recommendation_snapshots (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid REFERENCES users (id) ON DELETE CASCADE,
      query_hash text NOT NULL,
      items jsonb NOT NULL CHECK (jsonb_typeof(items) = 'array'),
      cold_start boolean NOT NULL,
      created_at timestamptz NOT NULL,
      expires_at timestamptz NOT NULL,
      CHECK (expires_at > created_at)
    )`.execute(db)
  await sql`CREATE INDEX recommendation_snapshots_expiry_idx ON recommendation_snapshots (expires_at)`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE recommendation_snapshots, storefront_popularity, storefront_similarity, hidden_storefronts, user_interests, storefront_views`.execute(db)
  await sql`ALTER TABLE users DROP COLUMN history_cleared_at, DROP COLUMN personalisation`.execute(db)
}
