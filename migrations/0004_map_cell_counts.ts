import { type Kysely, sql } from 'kysely'

const RESOLUTIONS = [9, 8, 7, 6, 5, 4, 3]

/**
 * Rows of `source` that are active, once per stored H3 resolution and category, and once more
 * under category '' (all categories, so an unfiltered map reads one row per cell), weighted by `sign`.
 */
function expand(source: string, sign: 1 | -1): string {
  const cells = RESOLUTIONS.map((r) => `(${r}, t.h3_r${r})`).join(', ')
  return `
    SELECT r.resolution, r.cell, k.category, ${sign} AS n, ${sign} * t.lat AS lat, ${sign} * t.lng AS lng
    FROM ${source} t CROSS JOIN LATERAL (VALUES ${cells}) AS r(resolution, cell)
      CROSS JOIN LATERAL (VALUES (t.category), ('')) AS k(category)
    WHERE t.status = 'active'`
}

/**
 * Adds the net change of a whole statement in one upsert. Rows are written in key order so two
 * transactions moving storefronts between the same cells lock them in the same order (no deadlock);
 * ON CONFLICT … count + n keeps simultaneous writers from losing updates.
 */
function applyDeltas(parts: string[]): string {
  return `
    INSERT INTO merchant_cell_counts AS c (resolution, cell, category, count, sum_lat, sum_lng)
    SELECT resolution, cell, category, sum(n), sum(lat), sum(lng)
    FROM (${parts.join(' UNION ALL ')}) d
    GROUP BY resolution, cell, category
    HAVING sum(n) <> 0 OR sum(lat) <> 0 OR sum(lng) <> 0
    ORDER BY cell, category
    ON CONFLICT (cell, category) DO UPDATE
      SET count = c.count + excluded.count, sum_lat = c.sum_lat + excluded.sum_lat, sum_lng = c.sum_lng + excluded.sum_lng`
}

/**
 * Performance at a million storefronts. Map clusters: how many active storefronts each stored H3 cell (resolutions 3–9) holds per
 * category, with coordinate sums for the centroid. Statement triggers on merchants keep it exact
 * through inserts, moves, category and status changes, deletes and truncation, so a crowded
 * viewport reads a few hundred counters instead of every storefront in view.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE merchant_cell_counts (
      resolution smallint NOT NULL CHECK (resolution BETWEEN 3 AND 9),
      cell text NOT NULL,
      category text NOT NULL,
      -- No CHECK (count >= 0): Postgres checks the row an upsert proposes (a -1 delta) before it
      -- resolves the conflict into count + n, so the check would reject every decrement.
      count integer NOT NULL,
      sum_lat double precision NOT NULL,
      sum_lng double precision NOT NULL,
      -- An H3 id names its resolution, so the cell alone is unique; INCLUDE lets a map read
      -- hundreds of counters of mixed resolutions in one index-only scan.
      PRIMARY KEY (cell, category) INCLUDE (count, sum_lat, sum_lng)
    ) WITH (fillfactor = 70)`.execute(db)

  await sql.raw(`
    CREATE FUNCTION merchant_cell_counts_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN ${applyDeltas([expand('new_rows', 1)])}; RETURN NULL; END $$`).execute(db)
  await sql.raw(`
    CREATE FUNCTION merchant_cell_counts_on_update() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN ${applyDeltas([expand('new_rows', 1), expand('old_rows', -1)])}; RETURN NULL; END $$`).execute(db)
  await sql.raw(`
    CREATE FUNCTION merchant_cell_counts_on_delete() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN ${applyDeltas([expand('old_rows', -1)])}; RETURN NULL; END $$`).execute(db)
  await sql`
    CREATE FUNCTION merchant_cell_counts_on_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN DELETE FROM merchant_cell_counts; RETURN NULL; END $$`.execute(db)

  // Transition tables allow one event per trigger, hence three.
  await sql`
    CREATE TRIGGER merchants_cell_counts_insert AFTER INSERT ON merchants
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION merchant_cell_counts_on_insert()`.execute(db)
  await sql`
    CREATE TRIGGER merchants_cell_counts_update AFTER UPDATE ON merchants
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION merchant_cell_counts_on_update()`.execute(db)
  await sql`
    CREATE TRIGGER merchants_cell_counts_delete AFTER DELETE ON merchants
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION merchant_cell_counts_on_delete()`.execute(db)
  await sql`
    CREATE TRIGGER merchants_cell_counts_truncate AFTER TRUNCATE ON merchants
    FOR EACH STATEMENT EXECUTE FUNCTION merchant_cell_counts_on_truncate()`.execute(db)

  // One spatial index for active storefronts, location first (GiST splits by the first column, so
  // it is as tight as a plain location index) with the category checked inside the index: a rare
  // category's KNN walk skips other storefronts without reading them. With the plain location
  // indexes beside it the planner always chose those (lower startup cost) and read ~5,000 rows
  // from the heap for 20 car washes, so they go; every location query filters on status = 'active'.
  await sql`CREATE INDEX IF NOT EXISTS merchants_active_location_category_gist ON merchants USING gist (location, category) WHERE status = 'active'`.execute(db)
  await sql`DROP INDEX IF EXISTS merchants_active_location_gist, merchants_active_category_location_gist, merchants_location_gist`.execute(db)
  // Storefronts of the cells on a map viewport's border, read from the index alone: every
  // resolution's cell and the coordinates. Byte order ("C") makes each cell's descendants one
  // contiguous range of resolution-9 ids.
  await sql`
    CREATE INDEX IF NOT EXISTS merchants_active_map_cells ON merchants (h3_r9 COLLATE "C")
    INCLUDE (category, lat, lng, h3_r8, h3_r7, h3_r6, h3_r5, h3_r4, h3_r3) WHERE status = 'active'`.execute(db)

  // Written in key order, and with room on each page for in-place (HOT) updates, so the counters
  // of neighbouring cells stay on few pages.
  await sql.raw(`INSERT INTO merchant_cell_counts (resolution, cell, category, count, sum_lat, sum_lng)
    SELECT resolution, cell, category, sum(n), sum(lat), sum(lng) FROM (${expand('merchants', 1)}) d
    GROUP BY resolution, cell, category ORDER BY cell, category`).execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`CREATE INDEX merchants_location_gist ON merchants USING gist (location)`.execute(db)
  await sql`CREATE INDEX merchants_active_location_gist ON merchants USING gist (location) WHERE status = 'active'`.execute(db)
  await sql`
    CREATE INDEX merchants_active_category_location_gist ON merchants USING gist (category, location)
    WHERE status = 'active'`.execute(db)
  await sql`DROP INDEX merchants_active_location_category_gist, merchants_active_map_cells`.execute(db)
  await sql`DROP TRIGGER merchants_cell_counts_truncate ON merchants`.execute(db)
  await sql`DROP TRIGGER merchants_cell_counts_delete ON merchants`.execute(db)
  await sql`DROP TRIGGER merchants_cell_counts_update ON merchants`.execute(db)
  await sql`DROP TRIGGER merchants_cell_counts_insert ON merchants`.execute(db)
  await sql`DROP FUNCTION merchant_cell_counts_on_truncate(), merchant_cell_counts_on_delete(),
    merchant_cell_counts_on_update(), merchant_cell_counts_on_insert()`.execute(db)
  await sql`DROP TABLE merchant_cell_counts`.execute(db)
}
