import type { OpeningShift } from '../src/merchants/merchant.table'
import { CATEGORIES, COMMON_TAGS } from './catalog'
import { DEMO_CITIES, type DemoCity, type Neighbourhood } from './cities'
import { distanceToLineMeters, insidePolygon, type LatLng, offsetMeters } from './geo'
import { hoursFor } from './hours'
import { pickChain, storefrontName } from './names'
import { type DemoOffering, offeringsFor } from './offerings'
import { demoUuid, Random } from './random'

/** Independent storefronts are spread over this many demo owner accounts (owner01…owner60@demo.o2o). */
export const DEMO_OWNER_COUNT = 60

export interface DemoMerchant {
  id: string
  /** Index into the demo owner accounts, or 'bob' for the documented demo merchant. */
  owner: number | 'bob'
  city: string
  name: string
  description: string
  category: string
  tags: string[]
  lat: number
  lng: number
  address: string
  phone: string
  timezone: string
  /** ISO 4217: the storefront's currency; its offerings are priced in it. */
  currency: string
  hours: OpeningShift[]
  service_radius_m: number | null
  status: 'draft' | 'active'
  /** Drives the demo reviews: roughly how many the storefront gets and the stars they scatter around. */
  reputation: { quality: number; reviews: number } | null
  offerings: (DemoOffering & { id: string })[]
}

function hashString(text: string): number {
  let h = 2166136261
  for (const ch of text) h = Math.imul(h ^ (ch.codePointAt(0) ?? 0), 16777619)
  return h >>> 0
}

function onLand(city: DemoCity, at: LatLng): boolean {
  if (city.land && !city.land.some((polygon) => insidePolygon(at, polygon))) return false
  if (city.excluded?.some((polygon) => insidePolygon(at, polygon))) return false
  return !city.rivers?.some((r) => distanceToLineMeters(at, r.line) < r.halfWidthM)
}

function nearest(city: DemoCity, [lat, lng]: LatLng): Neighbourhood {
  const d = (h: Neighbourhood) => (h.at[0] - lat) ** 2 + ((h.at[1] - lng) * Math.cos((lat * Math.PI) / 180)) ** 2
  return city.neighbourhoods.reduce((best, h) => (d(h) < d(best) ? h : best))
}

/** Dense gaussian clusters around real neighbourhoods, plus a thin exponential scatter towards the edges. */
function place(rng: Random, city: DemoCity): { at: LatLng; hood: Neighbourhood } {
  const hoods = city.neighbourhoods.map((h) => [h, h.weight] as const)
  for (let attempt = 0; attempt < 80; attempt++) {
    let at: LatLng
    if (rng.chance(0.12)) {
      const km = Math.min(25, -Math.log(1 - rng.next()) * city.outskirtsKm)
      const angle = rng.next() * 2 * Math.PI
      at = offsetMeters(city.centre, Math.cos(angle) * km * 1000, Math.sin(angle) * km * 1000)
    } else {
      const hood = rng.weighted(hoods)
      at = offsetMeters(hood.at, rng.gauss() * hood.sigmaKm * 1000, rng.gauss() * hood.sigmaKm * 1000)
    }
    if (onLand(city, at)) return { at: [Number(at[0].toFixed(6)), Number(at[1].toFixed(6))], hood: nearest(city, at) }
  }
  const fallback = city.neighbourhoods[0]!
  return { at: fallback.at, hood: fallback }
}

function reputation(rng: Random, chain: boolean): DemoMerchant['reputation'] {
  if (!rng.chance(chain ? 0.95 : 0.72)) return null
  const popularity = Math.max(1, Math.min(5000, Math.round(Math.exp(rng.gauss() * 1.2 + (chain ? 5 : 3.3)))))
  const spread = popularity < 10 ? 0.9 : 0.4 // little-known shops vary more
  const quality = Math.max(1, Math.min(5, 4.25 + rng.gauss() * spread))
  // Real reviews are written for each, so keep them few: about 1 to 8 per storefront.
  return { quality, reviews: Math.max(1, Math.min(8, Math.round(Math.log2(popularity + 1) * 0.65))) }
}

function tagsFor(rng: Random, tags: readonly string[], hours: OpeningShift[], radius: number | null): string[] {
  const picked = new Set([...rng.sample(tags, rng.int(1, 4)), ...rng.sample(COMMON_TAGS, rng.int(0, 2))])
  if (hours.length === 7 && hours.every((s) => s.open === '00:00' && s.close === '00:00')) picked.add('open-24h')
  else if (hours.some((s) => s.close !== '00:00' && s.close <= s.open)) picked.add('late-night')
  if (radius) picked.add('delivery')
  return [...picked].slice(0, 10)
}

function cityMerchants(city: DemoCity, seed: number): DemoMerchant[] {
  const rng = new Random(seed ^ hashString(city.slug))
  const weights = CATEGORIES.map((c) => [c, c.weight[city.language]] as const)
  const merchants: DemoMerchant[] = []
  for (let i = 0; i < city.storefronts; i++) {
    const key = `${city.slug}/${i}`
    const chain = pickChain(rng, city)
    const profile = (chain && CATEGORIES.find((c) => c.slug === chain[1])) || rng.weighted(weights)
    const { at, hood } = place(rng, city)
    const hours = hoursFor(rng, profile.slug, Boolean(chain))
    const [p, min, max] = profile.serviceRadius ?? [0, 0, 0]
    const serviceRadius = rng.chance(p) ? Math.round(rng.int(min, max) / 500) * 500 : null
    const hoodName = city.language === 'zh' ? hood.local : hood.name
    const lines = rng.sample(profile[city.language], 2).map((s) => s.replace('{hood}', hoodName))
    const road = rng.pick(hood.roads)
    merchants.push({
      id: demoUuid(`merchant/${key}`),
      owner: chain ? hashString(chain[0]) % DEMO_OWNER_COUNT : rng.int(0, DEMO_OWNER_COUNT - 1),
      city: city.name,
      name: storefrontName(rng, city, hood, profile.slug, chain?.[0]),
      description: lines.join(city.language === 'zh' ? '' : ' '),
      category: profile.slug,
      tags: tagsFor(rng, profile.tags, hours, serviceRadius),
      lat: at[0],
      lng: at[1],
      address: city.language === 'zh' ? `${city.localName}${road}${rng.int(1, 999)}号` : `${rng.int(1, 480)} ${road}, ${hood.locality ?? city.name}`,
      phone: city.phone(rng),
      timezone: city.timezone,
      currency: city.currency,
      hours,
      service_radius_m: serviceRadius,
      status: 'active',
      reputation: reputation(rng, Boolean(chain)),
      offerings: offeringsFor(rng, city, profile.slug, rng.int(2, 6)).map((o, j) => ({ ...o, id: demoUuid(`offering/${key}/${j}`) })),
    })
  }
  return merchants
}

/** The whole demo data set; the same `seed` always produces exactly the same rows and ids. */
export function generateDemo(seed = 20_261_123): DemoMerchant[] {
  return DEMO_CITIES.flatMap((city) => cityMerchants(city, seed))
}
