import { getHexagonAreaAvg, getHexagonEdgeLengthAvg } from 'h3-js'
import type { Box } from './map.repository'

const EARTH_RADIUS_KM = 6371.0088
const RAD = Math.PI / 180

/** Area of a lng/lat rectangle on the sphere, in km² (exact for the spherical zone slice). */
export function boxAreaKm2([minLng, minLat, maxLng, maxLat]: Box): number {
  return EARTH_RADIUS_KM ** 2 * (maxLng - minLng) * RAD * Math.abs(Math.sin(maxLat * RAD) - Math.sin(minLat * RAD))
}

/** Length of the rectangle's border in km (parallels measured at their own latitude). */
function boxPerimeterKm([minLng, minLat, maxLng, maxLat]: Box): number {
  const dLng = (maxLng - minLng) * RAD * EARTH_RADIUS_KM
  const dLat = (maxLat - minLat) * RAD * EARTH_RADIUS_KM
  return dLng * (Math.cos(minLat * RAD) + Math.cos(maxLat * RAD)) + 2 * dLat
}

/**
 * About how many H3 cells of `resolution` the boxes touch, from their area and border alone (no
 * cell is listed): area ÷ average hexagon area, plus one cell per edge length of border.
 * @example estimateCells([[118, 28, 122, 32]], 9) // ≈ 1.6 million
 */
export function estimateCells(boxes: Box[], resolution: number): number {
  const areaKm2 = getHexagonAreaAvg(resolution, 'km2')
  const edgeKm = getHexagonEdgeLengthAvg(resolution, 'km')
  return boxes.reduce((sum, box) => sum + boxAreaKm2(box) / areaKm2 + boxPerimeterKm(box) / edgeKm, 0)
}
