import { cellToBoundary, cellToLatLng, cellToParent, getHexagonEdgeLengthAvg, greatCircleDistance, latLngToCell, polygonToCells } from 'h3-js'

/** Resolutions stored per storefront: 9 is the storefront's own cell, the coarser ones feed map clusters. */
export const STORED_RESOLUTIONS = [9, 8, 7, 6, 5, 4, 3] as const
export type StoredResolution = (typeof STORED_RESOLUTIONS)[number]

export interface H3Columns {
  h3_r9: string
  h3_r8: string
  h3_r7: string
  h3_r6: string
  h3_r5: string
  h3_r4: string
  h3_r3: string
}

/**
 * The H3 cells of a point at every stored resolution, as h3-js prints them.
 * @example h3Columns(30.2741, 120.1551).h3_r9 // '8931aa4...'
 */
export function h3Columns(lat: number, lng: number): H3Columns {
  const r9 = latLngToCell(lat, lng, 9)
  return {
    h3_r9: r9,
    h3_r8: cellToParent(r9, 8),
    h3_r7: cellToParent(r9, 7),
    h3_r6: cellToParent(r9, 6),
    h3_r5: cellToParent(r9, 5),
    h3_r4: cellToParent(r9, 4),
    h3_r3: cellToParent(r9, 3),
  }
}

// Metres per degree of latitude, rounded down so margins in degrees come out larger.
const M_PER_DEG = 110_000

/**
 * Every cell of `resolution` that can hold a point within `radiusMeters` of (lat, lng): the cells
 * whose centres lie in the circle's bounding box grown by two average edge lengths (a cell's
 * vertices lie one edge length from its centre, and edges vary well under twofold within a
 * resolution). Split in two where the box crosses the antimeridian.
 * @example cellsWithin(30.2741, 120.1551, 3000, 7).length // about 25
 */
export function cellsWithin(lat: number, lng: number, radiusMeters: number, resolution: number): string[] {
  const grownM = radiusMeters + 2 * getHexagonEdgeLengthAvg(resolution, 'm')
  const dLat = grownM / M_PER_DEG
  const south = Math.max(-89.9, lat - dLat)
  const north = Math.min(89.9, lat + dLat)
  const dLng = Math.min(180, dLat / Math.cos((Math.min(89.9, Math.max(Math.abs(south), Math.abs(north))) * Math.PI) / 180))
  const box = (west: number, east: number) => polygonToCells([[[west, south], [east, south], [east, north], [west, north], [west, south]]], resolution, true)
  const west = lng - dLng
  const east = lng + dLng
  if (dLng >= 180) return [...new Set([...box(-180, 0), ...box(0, 180)])]
  if (west < -180) return [...new Set([...box(west + 360, 180), ...box(-180, east)])]
  if (east > 180) return [...new Set([...box(west, 180), ...box(-180, east - 360)])]
  return box(west, east)
}

/**
 * cellsWithin split by where each cell lies: `inside` cells lie wholly within the circle (every
 * vertex is, with a 1% margin: cells are convex at these sizes), `edge` cells may hold points on
 * both sides of it, and cells wholly outside (centre further than the radius plus the farthest
 * vertex) are left out. Rows bucketed by an inside cell need no distance test of their own.
 */
export function cellsAcross(lat: number, lng: number, radiusMeters: number, resolution: number): { readonly inside: readonly string[]; readonly edge: readonly string[] } {
  // A For you page walks the same circle twice (the most visited and the interest-group leaders), and
  // a reload asks for it again: recent circles are kept (a pure function).
  const key = `${lat}|${lng}|${radiusMeters}|${resolution}`
  const known = recentCircles.get(key)
  if (known) return known
  const found = splitCells(lat, lng, radiusMeters, resolution)
  if (recentCircles.size >= RECENT_CIRCLES) recentCircles.delete(recentCircles.keys().next().value as string)
  recentCircles.set(key, found)
  return found
}

const RECENT_CIRCLES = 512
const recentCircles = new Map<string, { readonly inside: readonly string[]; readonly edge: readonly string[] }>()

function splitCells(lat: number, lng: number, radiusMeters: number, resolution: number): { inside: string[]; edge: string[] } {
  const inside: string[] = []
  const edge: string[] = []
  for (const cell of cellsWithin(lat, lng, radiusMeters, resolution)) {
    const [cLat, cLng] = cellToLatLng(cell)
    const center = greatCircleDistance([lat, lng], [cLat, cLng], 'm')
    let farthest = 0
    let reach = 0
    for (const [vLat, vLng] of cellToBoundary(cell)) {
      farthest = Math.max(farthest, greatCircleDistance([lat, lng], [vLat, vLng], 'm'))
      reach = Math.max(reach, greatCircleDistance([cLat, cLng], [vLat, vLng], 'm'))
    }
    if (farthest <= radiusMeters * 0.99) inside.push(cell)
    else if (center <= radiusMeters + reach * 1.01) edge.push(cell)
  }
  return { inside, edge }
}
