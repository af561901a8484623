import { BENCH_CITIES, pickWeighted, pointNear, prng } from './synthetic'

/** Fixed random query points near city centres, where people actually search. */
export function queryPoints(count = 2000): Array<{ lat: number; lng: number }> {
  const rand = prng(7)
  const cities = BENCH_CITIES.map((c) => [c, c.weight] as [typeof c, number])
  return Array.from({ length: count }, () => {
    const city = pickWeighted(cities, rand())
    return pointNear({ ...city, coreSigmaM: city.coreSigmaM * 0.6 }, rand)
  })
}

/** A viewport of `widthM` metres around a point, as minLng,minLat,maxLng,maxLat. */
export function bboxAround(p: { lat: number; lng: number }, widthM: number, heightM: number): string {
  const dLat = heightM / 2 / 111_320
  const dLng = widthM / 2 / (111_320 * Math.cos((p.lat * Math.PI) / 180))
  return [p.lng - dLng, p.lat - dLat, p.lng + dLng, p.lat + dLat].map((v) => v.toFixed(6)).join(',')
}
