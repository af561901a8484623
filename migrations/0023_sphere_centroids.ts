import { type Kysely, sql } from 'kysely'

const RESOLUTIONS = [9, 8, 7, 6, 5, 4, 3]
const MAPPED_COLUMNS = ['status', 'category', 'lat', 'lng', ...RESOLUTIONS.map((r) => `h3_r${r}`)]

/**
 * Active rows of `source` once per stored resolution and category ('' = all), weighted by `sign`,
 * with the storefront as a unit vector (x, y, z) beside lat/lng. Frozen here: migrations never
 * import each other.
 */
function expand(source: string, sign: 1 | -1, withVectors: boolean): string {
  const cells = RESOLUTIONS.map((r) => `(${r}, t.h3_r${r})`).join(', ')
  const vectors = withVectors
    ? `, ${sign} * cos(radians(t.lat)) * cos(radians(t.lng)) AS x, ${sign} * cos(radians(t.lat)) * sin(radians(t.lng)) AS y, ${sign} * sin(radians(t.lat)) AS z`
    : ''
  return `
    SELECT r.resolution, r.cell, k.category, ${sign} AS n, ${sign} * t.lat AS lat, ${sign} * t.lng AS lng${vectors}
    FROM ${source} t CROSS JOIN LATERAL (VALUES ${cells}) AS r(resolution, cell)
      CROSS JOIN LATERAL (VALUES (t.category), ('')) AS k(category)
    WHERE t.status = 'active'`
}

function applyDeltas(parts: string[], withVectors: boolean): string {
  if (!withVectors) {
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
  return `
    INSERT INTO merchant_cell_counts AS c (resolution, cell, category, count, sum_lat, sum_lng, sum_x, sum_y, sum_z)
    SELECT resolution, cell, category, sum(n), sum(lat), sum(lng), sum(x), sum(y), sum(z)
    FROM (${parts.join(' UNION ALL ')}) d
    GROUP BY resolution, cell, category
    HAVING sum(n) <> 0 OR sum(lat) <> 0 OR sum(lng) <> 0
    ORDER BY cell, category
    ON CONFLICT (cell, category) DO UPDATE
      SET count = c.count + excluded.count, sum_lat = c.sum_lat + excluded.sum_lat, sum_lng = c.sum_lng + excluded.sum_lng,
        sum_x = c.sum_x + excluded.sum_x, sum_y = c.sum_y + excluded.sum_y, sum_z = c.sum_z + excluded.sum_z`
}

async function replaceFunctions(db: Kysely<any>, withVectors: boolean): Promise<void> {
  await sql.raw(`
    CREATE OR REPLACE FUNCTION merchant_cell_counts_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN ${applyDeltas([expand('new_rows', 1, withVectors)], withVectors)}; RETURN NULL; END $$`).execute(db)
  const mapped = MAPPED_COLUMNS.join(', ')
  await sql.raw(`
    CREATE OR REPLACE FUNCTION merchant_cell_counts_on_update() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NOT EXISTS (SELECT ${mapped} FROM new_rows EXCEPT ALL SELECT ${mapped} FROM old_rows) THEN
        RETURN NULL;
      END IF;
      ${applyDeltas([expand('new_rows', 1, withVectors), expand('old_rows', -1, withVectors)], withVectors)};
      RETURN NULL;
    END $$`).execute(db)
  await sql.raw(`
    CREATE OR REPLACE FUNCTION merchant_cell_counts_on_delete() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN ${applyDeltas([expand('old_rows', -1, withVectors)], withVectors)}; RETURN NULL; END $$`).execute(db)
}

/**
 * Map cluster centroids on the sphere: each counter also sums its storefronts as unit vectors, so
 * a cluster's centroid is the direction of the summed vector. Averaging longitudes put the
 * centroid of shops at 179.98 and −179.98 at longitude 0, 180° away. Counters are rebuilt from
 * the storefronts (exact), and the index keeps serving them without reading the heap.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    ALTER TABLE merchant_cell_counts
      ADD COLUMN sum_x double precision NOT NULL DEFAULT 0,
      ADD COLUMN sum_y double precision NOT NULL DEFAULT 0,
      ADD COLUMN sum_z double precision NOT NULL DEFAULT 0`.execute(db)
  await replaceFunctions(db, true)
  await sql`DELETE FROM merchant_cell_counts`.execute(db)
  await sql.raw(`INSERT INTO merchant_cell_counts (resolution, cell, category, count, sum_lat, sum_lng, sum_x, sum_y, sum_z)
    SELECT resolution, cell, category, sum(n), sum(lat), sum(lng), sum(x), sum(y), sum(z) FROM (${expand('merchants', 1, true)}) d
    GROUP BY resolution, cell, category ORDER BY cell, category`).execute(db)
  await sql`
    ALTER TABLE merchant_cell_counts DROP CONSTRAINT merchant_cell_counts_pkey,
      ADD PRIMARY KEY (cell, category) INCLUDE (count, sum_lat, sum_lng, sum_x, sum_y, sum_z)`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await replaceFunctions(db, false)
  await sql`
    ALTER TABLE merchant_cell_counts DROP CONSTRAINT merchant_cell_counts_pkey,
      ADD PRIMARY KEY (cell, category) INCLUDE (count, sum_lat, sum_lng)`.execute(db)
  await sql`ALTER TABLE merchant_cell_counts DROP COLUMN sum_x, DROP COLUMN sum_y, DROP COLUMN sum_z`.execute(db)
}
