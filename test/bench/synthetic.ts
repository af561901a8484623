import type { Random } from '../../seed/random'
import type { OpeningShift } from '../../src/merchants/merchant.table'

/** A city the synthetic load clusters around: shops dense at the centre, thin at the edges. */
export interface BenchCity {
  name: string
  lat: number
  lng: number
  timezone: string
  /** Share of all merchants. */
  weight: number
  /** Spread of the dense core, metres. */
  coreSigmaM: number
}

export const BENCH_CITIES: BenchCity[] = [
  { name: 'Shanghai', lat: 31.2304, lng: 121.4737, timezone: 'Asia/Shanghai', weight: 0.22, coreSigmaM: 6000 },
  { name: 'Hangzhou', lat: 30.2741, lng: 120.1551, timezone: 'Asia/Shanghai', weight: 0.14, coreSigmaM: 4500 },
  { name: 'Beijing', lat: 39.9042, lng: 116.4074, timezone: 'Asia/Shanghai', weight: 0.18, coreSigmaM: 6500 },
  { name: 'Shenzhen', lat: 22.5431, lng: 114.0579, timezone: 'Asia/Shanghai', weight: 0.12, coreSigmaM: 5000 },
  { name: 'New York', lat: 40.758, lng: -73.9855, timezone: 'America/New_York', weight: 0.14, coreSigmaM: 5000 },
  { name: 'London', lat: 51.5074, lng: -0.1278, timezone: 'Europe/London', weight: 0.1, coreSigmaM: 5500 },
  { name: 'Tokyo', lat: 35.6812, lng: 139.7671, timezone: 'Asia/Tokyo', weight: 0.1, coreSigmaM: 6000 },
]

/** Category slugs with uneven shares; `auto` is the rare one (~1%). */
export const BENCH_CATEGORIES: Array<[slug: string, weight: number]> = [
  ['food', 0.3],
  ['coffee', 0.1],
  ['grocery', 0.1],
  ['beauty', 0.08],
  ['hair', 0.07],
  ['bakery', 0.06],
  ['fitness', 0.05],
  ['massage', 0.05],
  ['bar', 0.04],
  ['health', 0.04],
  ['education', 0.03],
  ['laundry', 0.03],
  ['repair', 0.02],
  ['pet', 0.02],
  ['auto', 0.01],
]
export const RARE_CATEGORY = 'auto'

/** A point around `city`: 85% in a gaussian core, 15% in a wide thin ring, as real shops spread. */
export function pointNear(city: BenchCity, rng: Random): { lat: number; lng: number } {
  const sigma = rng.chance(0.85) ? city.coreSigmaM : city.coreSigmaM * 3.5
  const r = sigma * Math.sqrt(-2 * Math.log(1 - rng.next()))
  const theta = 2 * Math.PI * rng.next()
  const dLat = (r * Math.cos(theta)) / 111_320
  const dLng = (r * Math.sin(theta)) / (111_320 * Math.cos((city.lat * Math.PI) / 180))
  return { lat: city.lat + dLat, lng: city.lng + dLng }
}

const SHIFT_PATTERNS: OpeningShift[][] = [
  week('09:00', '21:00'),
  week('10:00', '22:00'),
  week('07:00', '19:00', [0]),
  week('18:00', '02:00'),
  week('00:00', '00:00'),
  week('11:00', '14:00').concat(week('17:00', '22:00')),
  week('08:30', '20:30', [1]),
]

function week(open: string, close: string, closedDays: number[] = []): OpeningShift[] {
  return [0, 1, 2, 3, 4, 5, 6].filter((d) => !closedDays.includes(d)).map((day) => ({ day, open, close }))
}

/** One of a few realistic weekly patterns (incl. overnight and closed-one-day), pre-serialized. */
export const HOURS_JSON = SHIFT_PATTERNS.map((p) => JSON.stringify(p))
