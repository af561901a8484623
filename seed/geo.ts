/** Plane geometry for placing demo storefronts on land: points are [lat, lng]. */
export type LatLng = readonly [number, number]

const M_PER_DEG_LAT = 111_320

/** Offsets a point by metres north and east (flat-earth, fine at city scale). */
export function offsetMeters([lat, lng]: LatLng, northM: number, eastM: number): LatLng {
  const dLat = northM / M_PER_DEG_LAT
  const dLng = eastM / (M_PER_DEG_LAT * Math.cos((lat * Math.PI) / 180))
  return [lat + dLat, lng + dLng]
}

/** Ray casting: is the point inside the (closed, unclosed-listed) polygon? */
export function insidePolygon([lat, lng]: LatLng, polygon: readonly LatLng[]): boolean {
  let inside = false
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const [yi, xi] = polygon[i]!
    const [yj, xj] = polygon[j]!
    if (yi > lat !== yj > lat && lng < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside
  }
  return inside
}

/** Distance in metres from a point to a polyline. */
export function distanceToLineMeters(point: LatLng, line: readonly LatLng[]): number {
  const cos = Math.cos((point[0] * Math.PI) / 180)
  const toXY = ([lat, lng]: LatLng) => [lng * cos * M_PER_DEG_LAT, lat * M_PER_DEG_LAT] as const
  const [px, py] = toXY(point)
  let best = Number.POSITIVE_INFINITY
  for (let i = 1; i < line.length; i++) {
    const [ax, ay] = toXY(line[i - 1]!)
    const [bx, by] = toXY(line[i]!)
    const dx = bx - ax
    const dy = by - ay
    const len2 = dx * dx + dy * dy
    const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len2))
    best = Math.min(best, Math.hypot(px - (ax + t * dx), py - (ay + t * dy)))
  }
  return best
}
