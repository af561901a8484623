import { Random } from '../../seed/random'
import { BENCH_CITIES, pointNear } from './synthetic'

/** Fixed random query points near city centres, where people actually search. */
export function queryPoints(count = 2000): Array<{ lat: number; lng: number }> {
  const rng = new Random(7)
  const cities = BENCH_CITIES.map((c) => [c, c.weight] as [typeof c, number])
  return Array.from({ length: count }, () => {
    const city = rng.weighted(cities)
    return pointNear({ ...city, coreSigmaM: city.coreSigmaM * 0.6 }, rng)
  })
}

/** A viewport of `widthM` metres around a point, as minLng,minLat,maxLng,maxLat. */
export function bboxAround(p: { lat: number; lng: number }, widthM: number, heightM: number): string {
  const dLat = heightM / 2 / 111_320
  const dLng = widthM / 2 / (111_320 * Math.cos((p.lat * Math.PI) / 180))
  return [p.lng - dLng, p.lat - dLat, p.lng + dLng, p.lat + dLat].map((v) => v.toFixed(6)).join(',')
}
