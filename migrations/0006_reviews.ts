import { type Kysely, sql } from 'kysely'

const RESOLUTIONS = [9, 8, 7, 6, 5, 4, 3]
const MAPPED_COLUMNS = ['status', 'category', 'lat', 'lng', ...RESOLUTIONS.map((r) => `h3_r${r}`)]

/** The 0004 cell-count update body, frozen here (migrations never import each other). */
function cellCountUpdateBody(): string {
  const expand = (source: string, sign: 1 | -1) => `
    SELECT r.resolution, r.cell, k.category, ${sign} AS n, ${sign} * t.lat AS lat, ${sign} * t.lng AS lng
    FROM ${source} t CROSS JOIN LATERAL (VALUES ${RESOLUTIONS.map((r) => `(${r}, t.h3_r${r})`).join(', ')}) AS r(resolution, cell)
      CROSS JOIN LATERAL (VALUES (t.category), ('')) AS k(category)
    WHERE t.status = 'active'`
  return `
    INSERT INTO merchant_cell_counts AS c (resolution, cell, category, count, sum_lat, sum_lng)
    SELECT resolution, cell, category, sum(n), sum(lat), sum(lng)
    FROM (${expand('new_rows', 1)} UNION ALL ${expand('old_rows', -1)}) d
    GROUP BY resolution, cell, category
    HAVING sum(n) <> 0 OR sum(lat) <> 0 OR sum(lng) <> 0
    ORDER BY cell, category
    ON CONFLICT (cell, category) DO UPDATE
      SET count = c.count + excluded.count, sum_lat = c.sum_lat + excluded.sum_lat, sum_lng = c.sum_lng + excluded.sum_lng`
}

/**
 * Per-merchant change of the visible-review histogram made by one statement on reviews, applied
 * in one UPDATE; the average is recomputed from the histogram, so it is exact by construction.
 * The merchant row lock serializes concurrent reviews of one storefront.
 */
function applyRatingDeltas(parts: string[]): string {
  const bucket = (star: number) => `sum(CASE WHEN rating = ${star} THEN n ELSE 0 END)`
  const next = (star: number) => `m.rating_${star}_count + d.c${star}`
  const total = [1, 2, 3, 4, 5].map(next).join(' + ')
  const weighted = [1, 2, 3, 4, 5].map((s) => `${s} * (${next(s)})`).join(' + ')
  return `
    UPDATE merchants AS m SET
      ${[1, 2, 3, 4, 5].map((s) => `rating_${s}_count = ${next(s)}`).join(', ')},
      review_count = ${total},
      rating_avg = CASE WHEN ${total} = 0 THEN NULL ELSE round((${weighted})::numeric / (${total}), 2) END
    FROM (
      SELECT merchant_id, ${[1, 2, 3, 4, 5].map((s) => `${bucket(s)} AS c${s}`).join(', ')}
      FROM (${parts.join(' UNION ALL ')}) v
      GROUP BY merchant_id
      HAVING ${[1, 2, 3, 4, 5].map(bucket).map((b) => `${b} <> 0`).join(' OR ')}
    ) d
    WHERE m.id = d.merchant_id`
}

const visible = (source: string, sign: 1 | -1) => `SELECT merchant_id, rating, ${sign} AS n FROM ${source} WHERE hidden_at IS NULL`

/**
 * Reviews of completed orders (one per order), their photos, helpful votes, reports and the
 * merchant's reply. Storefront ratings (average, count, star histogram) are derived from visible
 * reviews by statement triggers in the same transaction as every write, so no code path can
 * leave them stale; the seeded constants are reset to what real reviews give (none yet).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE reviews (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      order_id uuid NOT NULL UNIQUE REFERENCES orders (id) ON DELETE CASCADE,
      merchant_id uuid NOT NULL REFERENCES merchants (id) ON DELETE CASCADE,
      author_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      rating smallint NOT NULL CHECK (rating BETWEEN 1 AND 5),
      text text NOT NULL DEFAULT '' CHECK (length(text) <= 2000),
      photo_count smallint NOT NULL DEFAULT 0 CHECK (photo_count BETWEEN 0 AND 9),
      -- The verified visit: when the order was redeemed and what was bought (order lines never
      -- change once completed, so a copy keeps listings to one table).
      visited_at timestamptz NOT NULL,
      visit_items jsonb NOT NULL CHECK (jsonb_typeof(visit_items) = 'array'),
      created_at timestamptz NOT NULL DEFAULT now(),
      edited_at timestamptz,
      helpful_count integer NOT NULL DEFAULT 0 CHECK (helpful_count >= 0),
      report_count integer NOT NULL DEFAULT 0 CHECK (report_count >= 0),
      hidden_at timestamptz,
      -- Set when the storefront owner restores a hidden review; reports no longer hide it.
      restored_at timestamptz,
      CHECK (hidden_at IS NULL OR restored_at IS NULL)
    )`.execute(db)
  // One index per public sort, visible reviews only, in exactly the keyset order the listing uses.
  await sql`CREATE INDEX reviews_recent_idx ON reviews (merchant_id, created_at DESC, id DESC) WHERE hidden_at IS NULL`.execute(db)
  await sql`CREATE INDEX reviews_helpful_idx ON reviews (merchant_id, helpful_count DESC, created_at DESC, id DESC) WHERE hidden_at IS NULL`.execute(db)
  await sql`CREATE INDEX reviews_rating_high_idx ON reviews (merchant_id, rating DESC, created_at DESC, id DESC) WHERE hidden_at IS NULL`.execute(db)
  await sql`CREATE INDEX reviews_rating_low_idx ON reviews (merchant_id, rating, created_at DESC, id DESC) WHERE hidden_at IS NULL`.execute(db)
  await sql`CREATE INDEX reviews_inbox_idx ON reviews (merchant_id, created_at DESC, id DESC)`.execute(db)
  await sql`CREATE INDEX reviews_author_idx ON reviews (author_id, created_at DESC, id DESC)`.execute(db)

  await sql`
    CREATE TABLE review_photos (
      review_id uuid NOT NULL REFERENCES reviews (id) ON DELETE CASCADE,
      position smallint NOT NULL CHECK (position BETWEEN 0 AND 8),
      upload_id uuid NOT NULL UNIQUE REFERENCES uploads (id) ON DELETE CASCADE,
      PRIMARY KEY (review_id, position)
    )`.execute(db)

  await sql`
    CREATE TABLE review_helpful_votes (
      review_id uuid NOT NULL REFERENCES reviews (id) ON DELETE CASCADE,
      user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (review_id, user_id)
    )`.execute(db)

  await sql`
    CREATE TABLE review_reports (
      review_id uuid NOT NULL REFERENCES reviews (id) ON DELETE CASCADE,
      user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      reason text NOT NULL CHECK (length(btrim(reason)) BETWEEN 1 AND 500),
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (review_id, user_id)
    )`.execute(db)

  await sql`
    CREATE TABLE review_replies (
      review_id uuid PRIMARY KEY REFERENCES reviews (id) ON DELETE CASCADE,
      author_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      text text NOT NULL CHECK (length(btrim(text)) BETWEEN 1 AND 2000),
      created_at timestamptz NOT NULL DEFAULT now(),
      edited_at timestamptz
    )`.execute(db)

  // Helpful count: one row per vote, counted by the database (the review row lock makes it exact).
  await sql`
    CREATE FUNCTION review_helpful_count() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'INSERT' THEN UPDATE reviews SET helpful_count = helpful_count + 1 WHERE id = NEW.review_id;
      ELSE UPDATE reviews SET helpful_count = helpful_count - 1 WHERE id = OLD.review_id; END IF;
      RETURN NULL;
    END $$`.execute(db)
  await sql`
    CREATE TRIGGER review_helpful_votes_count AFTER INSERT OR DELETE ON review_helpful_votes
    FOR EACH ROW EXECUTE FUNCTION review_helpful_count()`.execute(db)

  // Reports: the third distinct reporter hides the review, unless its owner restored it.
  await sql`
    CREATE FUNCTION review_report_count() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      UPDATE reviews SET report_count = report_count + 1,
        hidden_at = CASE WHEN report_count + 1 >= 3 AND hidden_at IS NULL AND restored_at IS NULL THEN now() ELSE hidden_at END
      WHERE id = NEW.review_id;
      RETURN NULL;
    END $$`.execute(db)
  await sql`
    CREATE TRIGGER review_reports_count AFTER INSERT ON review_reports
    FOR EACH ROW EXECUTE FUNCTION review_report_count()`.execute(db)

  await sql`
    ALTER TABLE merchants
      ADD COLUMN rating_1_count integer NOT NULL DEFAULT 0 CHECK (rating_1_count >= 0),
      ADD COLUMN rating_2_count integer NOT NULL DEFAULT 0 CHECK (rating_2_count >= 0),
      ADD COLUMN rating_3_count integer NOT NULL DEFAULT 0 CHECK (rating_3_count >= 0),
      ADD COLUMN rating_4_count integer NOT NULL DEFAULT 0 CHECK (rating_4_count >= 0),
      ADD COLUMN rating_5_count integer NOT NULL DEFAULT 0 CHECK (rating_5_count >= 0)`.execute(db)

  await sql.raw(`
    CREATE FUNCTION merchant_ratings_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN ${applyRatingDeltas([visible('new_rows', 1)])}; RETURN NULL; END $$`).execute(db)
  await sql.raw(`
    CREATE FUNCTION merchant_ratings_on_update() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN ${applyRatingDeltas([visible('new_rows', 1), visible('old_rows', -1)])}; RETURN NULL; END $$`).execute(db)
  await sql.raw(`
    CREATE FUNCTION merchant_ratings_on_delete() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN ${applyRatingDeltas([visible('old_rows', -1)])}; RETURN NULL; END $$`).execute(db)
  await sql`
    CREATE TRIGGER reviews_ratings_insert AFTER INSERT ON reviews
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION merchant_ratings_on_insert()`.execute(db)
  await sql`
    CREATE TRIGGER reviews_ratings_update AFTER UPDATE ON reviews
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION merchant_ratings_on_update()`.execute(db)
  await sql`
    CREATE TRIGGER reviews_ratings_delete AFTER DELETE ON reviews
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION merchant_ratings_on_delete()`.execute(db)

  // A rating change must not pay for the map counters: skip their upsert unless a column the
  // counters depend on changed (transition-table triggers cannot be limited with UPDATE OF).
  const changed = MAPPED_COLUMNS.map((c) => `o.${c} IS DISTINCT FROM n.${c}`).join(' OR ')
  await sql.raw(`
    CREATE OR REPLACE FUNCTION merchant_cell_counts_on_update() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NOT EXISTS (SELECT 1 FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE ${changed}) THEN
        RETURN NULL;
      END IF;
      ${cellCountUpdateBody()};
      RETURN NULL;
    END $$`).execute(db)

  // Until now ratings were seeded constants; no review exists yet, so every storefront is unrated.
  await sql`UPDATE merchants SET rating_avg = NULL, review_count = 0 WHERE review_count <> 0 OR rating_avg IS NOT NULL`.execute(db)
  await sql`
    ALTER TABLE merchants ADD CONSTRAINT merchants_review_count_histogram
      CHECK (review_count = rating_1_count + rating_2_count + rating_3_count + rating_4_count + rating_5_count)`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    CREATE OR REPLACE FUNCTION merchant_cell_counts_on_update() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN ${cellCountUpdateBody()}; RETURN NULL; END $$`).execute(db)
  await sql`DROP TABLE review_replies, review_reports, review_helpful_votes, review_photos, reviews`.execute(db)
  await sql`DROP FUNCTION merchant_ratings_on_insert(), merchant_ratings_on_update(), merchant_ratings_on_delete(),
    review_report_count(), review_helpful_count()`.execute(db)
  await sql`
    ALTER TABLE merchants DROP CONSTRAINT merchants_review_count_histogram,
      DROP COLUMN rating_1_count, DROP COLUMN rating_2_count, DROP COLUMN rating_3_count,
      DROP COLUMN rating_4_count, DROP COLUMN rating_5_count`.execute(db)
}
