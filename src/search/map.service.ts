import type { Feature, FeatureCollection } from 'geojson'
import type { AppDeps } from '../context'
import { ValidationError } from '../errors'
import type { StoredResolution } from '../geo/h3'
import { coverUrl } from '../merchants'
import { cellGeometry, clusterResolution, sphericalCentroid } from '../geo/h3-clusters'
import { cellFeature, pointFeature } from './geojson'
import { type Box, type CellCount, cellCounts, coveredCellCounts, pointsInViewport } from './map.repository'
import type { StorefrontFilter } from './nearby.repository'
import { assertCategory } from './nearby.service'
import { cachedParent, cachedRing, coverViewport } from './viewport-cover'
import { estimateCells } from './viewport-size'
import { readHandle } from '../db/read-replicas'

/** Most features one map answer carries; above it the viewport is clustered. */
export const MAP_MAX_FEATURES = 500

/**
 * Most stored-resolution cell rows one answer reads: more than the 41,162 resolution-3 cells of
 * the whole globe, so it never cuts an answer short; a last guard should an estimate be wrong.
 */
export const MAP_MAX_ROWS = 50_000

function tooLarge(detail: string): ValidationError {
  return new ValidationError(detail, [{ path: 'bbox', message: detail }, { path: 'zoom', message: detail }], 'viewport_too_large')
}

/**
 * The zoom's cluster resolution, or one coarser (7× fewer, larger hexagons) when the box spans more
 * than `maxCells` (config MAP_MAX_CELLS, estimated from the area before any work); null past both.
 */
function fittingResolution(boxes: Box[], zoom: number, maxCells: number): number | null {
  const wanted = clusterResolution(zoom)
  for (const resolution of [wanted, wanted - 1]) {
    if (resolution >= 0 && estimateCells(boxes, resolution) <= maxCells) return resolution
  }
  return null
}

/**
 * The cluster resolution this viewport is served at; a 422 naming bbox, zoom, the limit and the
 * deepest zoom that fits when the box is far larger than its zoom can show.
 */
function viewportResolution(boxes: Box[], input: MapInput, maxCells: number): number {
  const resolution = fittingResolution(boxes, input.zoom, maxCells)
  if (resolution !== null) return resolution
  let fits = input.zoom // zoom 0 always fits: the whole globe is 122 resolution-0 cells
  while (fits > 0 && fittingResolution(boxes, fits, maxCells) === null) fits--
  const cells = estimateCells(boxes, clusterResolution(input.zoom))
  throw tooLarge(
    `bbox ${input.bbox} at zoom ${input.zoom} spans about ${Math.round(cells).toLocaleString('en')} map cells; ` +
      `the limit is ${maxCells.toLocaleString('en')} per request. Use zoom ${fits} or lower for this bbox, or a smaller bbox.`,
  )
}

function bboxError(message: string): ValidationError {
  return new ValidationError(`bbox ${message}`, [{ path: 'bbox', message }])
}

/**
 * `minLng,minLat,maxLng,maxLat` → one box, or two when the viewport crosses the antimeridian
 * (minLng > maxLng). Inverted latitudes and out-of-range values are a 422 on `bbox`.
 */
export function parseBbox(text: string): Box[] {
  const parts = text.split(',').map((p) => p.trim())
  const nums = parts.map(Number)
  if (parts.length !== 4 || parts.some((p) => p === '') || nums.some((n) => !Number.isFinite(n))) {
    throw bboxError('must be four numbers: minLng,minLat,maxLng,maxLat')
  }
  const [minLng, minLat, maxLng, maxLat] = nums as [number, number, number, number]
  if ([minLng, maxLng].some((v) => v < -180 || v > 180)) throw bboxError('longitudes must be between -180 and 180')
  if ([minLat, maxLat].some((v) => v < -90 || v > 90)) throw bboxError('latitudes must be between -90 and 90')
  if (minLat > maxLat) throw bboxError('minLat must not be greater than maxLat')
  if (minLng <= maxLng) return [[minLng, minLat, maxLng, maxLat]]
  return [
    [minLng, minLat, 180, maxLat],
    [-180, minLat, maxLng, maxLat],
  ]
}

/** Sums stored-resolution cell counts into their ancestors at `resolution`. */
function rollUp(cells: CellCount[], resolution: number): CellCount[] {
  const byCell = new Map<string, CellCount>()
  for (const c of cells) {
    const cell = cachedParent(c.cell, resolution)
    const acc = byCell.get(cell) ?? { cell, count: 0, sum_x: 0, sum_y: 0, sum_z: 0 }
    acc.count += c.count
    acc.sum_x += c.sum_x
    acc.sum_y += c.sum_y
    acc.sum_z += c.sum_z
    byCell.set(cell, acc)
  }
  return [...byCell.values()]
}

/** Whether only the category filters: then the per-cell counters can answer. */
function countersCover(filter: StorefrontFilter): boolean {
  return !filter.q && !filter.openNow && !filter.hasDeal && !filter.hasCoupon && !filter.tag && filter.minRating === undefined
}

/**
 * Storefronts in view matching `filter` per cell at `stored`. Unfiltered (or by category only):
 * whole cells from the trigger-maintained counters, only the cells on the viewport's border row
 * by row, so counts stay exact. Other filters (text, open now, deals, coupons) have no counters:
 * they group the matching storefronts themselves, under the same row cap.
 */
async function viewportCells(deps: AppDeps, boxes: Box[], stored: StoredResolution, filter: StorefrontFilter): Promise<CellCount[]> {
  const cover = countersCover(filter) && boxes.length === 1 && boxes[0] ? coverViewport(boxes[0], stored) : null
  const cells = cover ? await coveredCellCounts(readHandle(deps), boxes[0] as Box, cover, stored, filter.category) : await cellCounts(readHandle(deps), boxes, stored, MAP_MAX_ROWS, filter)
  if (cells.length > MAP_MAX_ROWS) throw tooLarge(`the viewport holds more than ${MAP_MAX_ROWS.toLocaleString('en')} map cells; use a lower zoom or a smaller bbox`)
  return cover ? rollUp(cells, stored) : cells
}

/** Validated query of GET /v1/search/map. */
export interface MapInput {
  bbox: string
  zoom: number
  category?: string
  q?: string
  open_now?: 'true' | 'false'
  has_deal?: 'true' | 'false'
  has_coupon?: 'true' | 'false'
  limit?: number
}

/** The map's filter, as GET /v1/search/nearby reads the same parameters; open now is judged at `at`. */
function mapFilterOf(input: MapInput, at: Date): StorefrontFilter {
  return {
    category: input.category,
    q: input.q ? input.q : undefined,
    openNow: input.open_now === 'true' ? true : undefined,
    hasDeal: input.has_deal === 'true' ? true : undefined,
    hasCoupon: input.has_coupon === 'true' ? true : undefined,
    at,
  }
}

/** The map answer: a FeatureCollection plus what it holds and how many shops are in view. */
export type MapCollection = FeatureCollection & { kind: 'clusters' | 'merchants'; total: number; resolution?: number }

/**
 * One viewport as GeoJSON: storefront points when at most `limit` match inside it, otherwise H3
 * hexagon clusters (counts add up to the matching storefronts inside the viewport). The filters
 * are the nearby list's, so the map and the list always show the same shops.
 */
export async function mapViewport(deps: AppDeps, input: MapInput): Promise<MapCollection> {
  const boxes = parseBbox(input.bbox)
  const resolution = viewportResolution(boxes, input, deps.config.MAP_MAX_CELLS)
  await assertCategory(readHandle(deps), input.category)
  const limit = input.limit ?? MAP_MAX_FEATURES
  const stored = Math.max(3, resolution) as StoredResolution
  const filter = mapFilterOf(input, deps.now())
  const cells = await viewportCells(deps, boxes, stored, filter)
  const total = cells.reduce((sum, c) => sum + c.count, 0)
  if (total <= limit) {
    const points = await pointsInViewport(readHandle(deps), boxes, limit, filter)
    const features: Feature[] = points.map((p) =>
      pointFeature(p.lng, p.lat, {
        kind: 'merchant',
        id: p.id,
        name: p.name,
        category: p.category,
        rating: p.rating_avg === null ? null : Number(p.rating_avg),
        cover_url: coverUrl(p.cover_key),
        has_deal: p.has_deal,
        has_coupon: p.has_coupon,
      }),
    )
    return { type: 'FeatureCollection', kind: 'merchants', total, features }
  }
  const features = (resolution < 3 ? rollUp(cells, resolution) : cells).map((c) =>
    cellFeature(cellGeometry(c.cell, cachedRing(c.cell)), {
      kind: 'cluster',
      h3_cell: c.cell,
      count: c.count,
      centroid: sphericalCentroid(c.sum_x, c.sum_y, c.sum_z),
    }),
  )
  return { type: 'FeatureCollection', kind: 'clusters', total, resolution, features }
}
