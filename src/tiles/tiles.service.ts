import type { AppDeps } from '../context'
import { NotImplementedError, ValidationError } from '../errors'
import { type MerchantTile, merchantTile } from './tiles.repository'
import { readHandle } from '../db/read-replicas'

/** Deepest zoom level served. */
export const MAX_TILE_ZOOM = 22

/** Parses and checks z/x/y (z 0–22, x and y 0…2^z−1); a 422 names each bad coordinate. */
export function tileCoordinates(params: { z: string; x: string; y: string }): { z: number; x: number; y: number } {
  const errors: Array<{ path: string; message: string }> = []
  const int = (name: 'z' | 'x' | 'y') => (/^\d{1,8}$/.test(params[name]) ? Number(params[name]) : Number.NaN)
  const z = int('z')
  if (!(z >= 0 && z <= MAX_TILE_ZOOM)) errors.push({ path: 'z', message: `must be a whole number from 0 to ${MAX_TILE_ZOOM}` })
  const size = Number.isNaN(z) || z > MAX_TILE_ZOOM ? 1 : 2 ** z
  const x = int('x')
  const y = int('y')
  if (!(x >= 0 && x < size)) errors.push({ path: 'x', message: `must be a whole number from 0 to ${size - 1} at this zoom` })
  if (!(y >= 0 && y < size)) errors.push({ path: 'y', message: `must be a whole number from 0 to ${size - 1} at this zoom` })
  if (errors.length > 0) throw new ValidationError(`invalid tile: ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}`, errors)
  return { z, x, y }
}

/**
 * The vector tile of active storefronts, thinned to TILE_MAX_FEATURES (see merchantTile for the
 * rule); NotImplementedError on the embedded database.
 */
export async function vectorTile(deps: AppDeps, params: { z: string; x: string; y: string }): Promise<MerchantTile> {
  const { z, x, y } = tileCoordinates(params)
  if (deps.dbKind !== 'postgres') {
    throw new NotImplementedError(
      'vector tiles need a PostGIS server (ST_AsMVT); the embedded database has no protobuf support. Use GET /v1/search/map instead.',
      'tiles_unavailable',
    )
  }
  return merchantTile(readHandle(deps), z, x, y, deps.config.TILE_MAX_FEATURES)
}
