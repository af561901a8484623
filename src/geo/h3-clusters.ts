import { cellToBoundary, cellToParent, getResolution } from 'h3-js'

// Hexagons roughly 1/15–1/30 of a typical viewport wide at each web-map zoom (index = zoom).
const RESOLUTION_BY_ZOOM = [0, 0, 0, 0, 1, 1, 2, 3, 4, 5, 5, 6, 7, 8, 8, 9, 9, 9, 9, 9, 9, 9, 9] as const

/**
 * The H3 resolution that clusters a map at `zoom` (0–22) into readable hexagons.
 * @example clusterResolution(12) // 7: ~1.4 km hexagons for a city view
 */
export function clusterResolution(zoom: number): number {
  return RESOLUTION_BY_ZOOM[Math.max(0, Math.min(22, Math.trunc(zoom)))] ?? 9
}

/** Signed area (shoelace) of a ring of [x, y]; positive means counter-clockwise. */
export function ringSignedArea(ring: readonly number[][]): number {
  let twice = 0
  for (let i = 0; i < ring.length - 1; i++) {
    const [x1 = 0, y1 = 0] = ring[i] ?? []
    const [x2 = 0, y2 = 0] = ring[i + 1] ?? []
    twice += x1 * y2 - x2 * y1
  }
  return twice / 2
}

/** Degrees rounded to 6 decimals (~0.1 m): more digits only make map answers bigger (RFC 7946 §11.2). */
export function roundDegrees(value: number): number {
  return Math.round(value * 1e6) / 1e6
}

/**
 * The centroid on the sphere of points summed as unit vectors (x toward lng 0, y toward lng 90,
 * z toward the north pole): [lng, lat] rounded to 6 decimals. Unlike averaging longitudes it is
 * right across the antimeridian (179.98 and −179.98 → ±180, not 0).
 * @example sphericalCentroid(-2, 0, 0) // [180, 0]
 */
export function sphericalCentroid(sumX: number, sumY: number, sumZ: number): [number, number] {
  const deg = 180 / Math.PI
  const lng = roundDegrees(Math.atan2(sumY, sumX) * deg)
  const lat = roundDegrees(Math.atan2(sumZ, Math.hypot(sumX, sumY)) * deg)
  return [lng === -180 ? 180 : lng, lat]
}

/** A [lng, lat] position as the unit vector sphericalCentroid sums. */
export function unitVector(lng: number, lat: number): [number, number, number] {
  const rad = Math.PI / 180
  return [Math.cos(lat * rad) * Math.cos(lng * rad), Math.cos(lat * rad) * Math.sin(lng * rad), Math.sin(lat * rad)]
}

/**
 * A cell's boundary as an RFC 7946 exterior ring: [lng, lat] positions, closed, counter-clockwise.
 * Longitudes are unwrapped so a cell straddling the antimeridian stays one contiguous ring.
 */
export function cellRing(cell: string): number[][] {
  const ring = cellToBoundary(cell, true).map(([lng = 0, lat = 0]) => [roundDegrees(lng), roundDegrees(lat)])
  const firstLng = ring[0]?.[0] ?? 0
  for (const pos of ring) {
    const lng = pos[0] ?? 0
    if (lng - firstLng > 180) pos[0] = roundDegrees(lng - 360)
    else if (firstLng - lng > 180) pos[0] = roundDegrees(lng + 360)
  }
  const first = ring[0]
  const last = ring.at(-1)
  if (first && last && (first[0] !== last[0] || first[1] !== last[1])) ring.push([...first])
  return ringSignedArea(ring) < 0 ? ring.reverse() : ring
}

/** A cell's ancestor at a coarser resolution (or the cell itself). */
export function parentCell(cell: string, resolution: number): string {
  return getResolution(cell) <= resolution ? cell : cellToParent(cell, resolution)
}

type Ring = number[][]

// Sutherland–Hodgman clip of a closed ring against the half-plane `keep(lng)`, the edge at `edgeLng`.
function clipRing(ring: Ring, edgeLng: number, keep: (lng: number) => boolean): Ring {
  const out: Ring = []
  for (let i = 0; i < ring.length - 1; i++) {
    const [x1 = 0, y1 = 0] = ring[i] ?? []
    const [x2 = 0, y2 = 0] = ring[i + 1] ?? []
    const in1 = keep(x1)
    const in2 = keep(x2)
    if (in1) out.push([x1, y1])
    if (in1 !== in2) out.push([edgeLng, roundDegrees(y1 + ((edgeLng - x1) / (x2 - x1)) * (y2 - y1))])
  }
  if (out.length > 0) out.push([...(out[0] as number[])])
  return out
}

/**
 * A cell as an RFC 7946 geometry: a Polygon, or — when the cell crosses the antimeridian — a
 * MultiPolygon of its two halves split at ±180 (§3.1.9), every longitude within [-180, 180].
 * `ring` is the cell's cellRing() when the caller keeps them cached; it is never mutated.
 */
export function cellGeometry(cell: string, ring: Ring = cellRing(cell)): { type: 'Polygon'; coordinates: Ring[] } | { type: 'MultiPolygon'; coordinates: Ring[][] } {
  const lngs = ring.map((p) => p[0] ?? 0)
  const edge = Math.max(...lngs) > 180 ? 180 : Math.min(...lngs) < -180 ? -180 : undefined
  if (edge === undefined) return { type: 'Polygon', coordinates: [ring] }
  const inside = clipRing(ring, edge, (lng) => (edge > 0 ? lng <= 180 : lng >= -180))
  const beyond = clipRing(ring, edge, (lng) => (edge > 0 ? lng >= 180 : lng <= -180)).map(([lng = 0, lat = 0]) => [
    roundDegrees(edge > 0 ? lng - 360 : lng + 360),
    lat,
  ])
  return { type: 'MultiPolygon', coordinates: [[inside], [beyond]].filter(([r]) => (r?.length ?? 0) >= 4) }
}
