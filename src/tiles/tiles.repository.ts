import { sql } from 'kysely'
import type { Executor } from '../db/database'

/**
 * A Mapbox Vector Tile (layer "merchants") of active storefronts in tile z/x/y, built by PostGIS
 * (ST_AsMVT). Postgres servers only: embedded PGlite's PostGIS lacks protobuf support.
 */
export async function merchantTile(db: Executor, z: number, x: number, y: number): Promise<Uint8Array> {
  const { rows } = await sql<{ tile: Uint8Array | null }>`
    WITH bounds AS (SELECT ST_TileEnvelope(${z}, ${x}, ${y}) AS envelope),
    features AS (
      SELECT ST_AsMVTGeom(ST_Transform(m.location::geometry, 3857), bounds.envelope) AS geom,
        m.id::text AS id, m.name, m.category, m.rating_avg::float8 AS rating, m.review_count
      FROM merchants m, bounds
      WHERE m.status = 'active' AND m.location::geometry && ST_Transform(bounds.envelope, 4326)
    )
    SELECT ST_AsMVT(features.*, 'merchants', 4096, 'geom') AS tile FROM features`.execute(db)
  return rows[0]?.tile ?? new Uint8Array()
}
