import { sql } from 'kysely'
import type { Executor } from '../db/database'

/** A vector tile and whether it was thinned to its feature cap. */
export interface MerchantTile {
  tile: Uint8Array
  thinned: boolean
}

/**
 * A Mapbox Vector Tile (layer "merchants") of at most `maxFeatures` active storefronts in tile
 * z/x/y, built by PostGIS (ST_AsMVT). Past the cap the tile keeps the best: highest rating, then
 * most reviews, then lowest id. That order is global, so a storefront shown in a tile is also shown
 * in every deeper tile that contains it, and the same tile always holds the same storefronts.
 * Postgres servers only: embedded PGlite's PostGIS lacks protobuf support.
 */
export async function merchantTile(db: Executor, z: number, x: number, y: number, maxFeatures: number): Promise<MerchantTile> {
  const { rows } = await sql<{ tile: Uint8Array | null; found: number }>`
    WITH bounds AS (SELECT ST_TileEnvelope(${z}, ${x}, ${y}) AS envelope),
    best AS (
      SELECT m.location, m.id, m.name, m.category, m.rating_avg, m.review_count
      FROM merchants m, bounds
      WHERE m.status = 'active' AND m.location::geometry && ST_Transform(bounds.envelope, 4326)
      ORDER BY m.rating_avg DESC NULLS LAST, m.review_count DESC, m.id
      LIMIT ${maxFeatures + 1}
    ),
    features AS (
      SELECT ST_AsMVTGeom(ST_Transform(b.location::geometry, 3857), bounds.envelope) AS geom,
        b.id::text AS id, b.name, b.category, b.rating_avg::float8 AS rating, b.review_count
      FROM (SELECT * FROM best ORDER BY rating_avg DESC NULLS LAST, review_count DESC, id LIMIT ${maxFeatures}) b, bounds
    )
    SELECT (SELECT ST_AsMVT(features.*, 'merchants', 4096, 'geom') FROM features) AS tile,
      (SELECT count(*)::int FROM best) AS found`.execute(db)
  const row = rows[0]
  return { tile: row?.tile ?? new Uint8Array(), thinned: (row?.found ?? 0) > maxFeatures }
}
