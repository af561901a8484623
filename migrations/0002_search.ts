import { type Kysely, sql } from 'kysely'

/**
 * Search: a normalized search text on storefronts with full-text and trigram indexes, opening
 * hours evaluated in each storefront's own time zone, and spatial indexes for nearby, map and
 * service-area queries (choices measured on 500k storefronts; see README "Search").
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE EXTENSION IF NOT EXISTS pg_trgm`.execute(db)
  await sql`CREATE EXTENSION IF NOT EXISTS btree_gist`.execute(db)

  // array_to_string is only STABLE, so generated columns need this IMMUTABLE wrapper.
  await sql`
    CREATE FUNCTION merchant_search_text(name text, description text, tags text[]) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN lower(coalesce(name, '') || ' ' || coalesce(description, '') || ' ' || array_to_string(coalesce(tags, '{}'), ' '))
  `.execute(db)
  await sql`
    ALTER TABLE merchants ADD COLUMN search_text text
      GENERATED ALWAYS AS (merchant_search_text(name, description, tags)) STORED`.execute(db)
  // Trigram GIN serves typo matching (word_similarity) and substring LIKE, which also covers
  // Chinese: the 'simple' tsvector below cannot segment it.
  await sql`CREATE INDEX merchants_search_trgm ON merchants USING gin (search_text gin_trgm_ops)`.execute(db)
  await sql`CREATE INDEX merchants_search_fts ON merchants USING gin (to_tsvector('simple', search_text))`.execute(db)
  await sql`CREATE INDEX merchants_tags_gin ON merchants USING gin (tags)`.execute(db)

  // Nearby: KNN/DWithin over active storefronts only; the composite (category, location) GiST
  // keeps a rare-category search from walking every storefront in the radius.
  await sql`CREATE INDEX merchants_active_location_gist ON merchants USING gist (location) WHERE status = 'active'`.execute(db)
  await sql`
    CREATE INDEX merchants_active_category_location_gist ON merchants USING gist (category, location)
    WHERE status = 'active'`.execute(db)
  // Map viewports are lng/lat rectangles: planar boxes on geometry, not geodesic ones on geography.
  await sql`
    CREATE INDEX merchants_active_geom_gist ON merchants USING gist ((location::geometry))
    WHERE status = 'active'`.execute(db)
  await sql`
    CREATE INDEX merchants_serving_gist ON merchants USING gist (location)
    WHERE status = 'active' AND service_radius_m IS NOT NULL`.execute(db)
  // The largest service area bounds the spatial prefilter; max() reads one entry of this index.
  await sql`
    CREATE INDEX merchants_active_service_radius_idx ON merchants (service_radius_m)
    WHERE status = 'active' AND service_radius_m IS NOT NULL`.execute(db)

  // Open at \`at\` in the storefront's zone: today's shifts, plus yesterday's shifts that run past
  // midnight. close <= open means the shift ends the next day (00:00-00:00 is open all day).
  await sql`
    CREATE FUNCTION merchant_open_at(hours jsonb, tz text, at timestamptz) RETURNS boolean
    LANGUAGE sql STABLE PARALLEL SAFE AS $$
      SELECT EXISTS (
        SELECT 1
        FROM (SELECT extract(dow FROM at AT TIME ZONE tz)::int AS dow, (at AT TIME ZONE tz)::time AS t) AS local_now,
             jsonb_to_recordset(hours) AS s(day int, open time, close time)
        WHERE (s.day = local_now.dow AND local_now.t >= s.open AND (s.close <= s.open OR local_now.t < s.close))
           OR (s.day = (local_now.dow + 6) % 7 AND s.close <= s.open AND local_now.t < s.close)
      )
    $$`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP FUNCTION merchant_open_at(jsonb, text, timestamptz)`.execute(db)
  await sql`DROP INDEX merchants_active_service_radius_idx, merchants_serving_gist, merchants_active_geom_gist, merchants_active_category_location_gist,
    merchants_active_location_gist, merchants_tags_gin, merchants_search_fts, merchants_search_trgm`.execute(db)
  await sql`ALTER TABLE merchants DROP COLUMN search_text`.execute(db)
  await sql`DROP FUNCTION merchant_search_text(text, text, text[])`.execute(db)
}
