import { Random } from '../../../seed/random'

/**
 * A synthetic city with planted tastes: storefronts with a category, tags, price level, quality
 * and opening hours; people with a home, favourite categories and tags, a price level, a daily
 * schedule and how far they go. Visits follow those tastes through a noisy choice model, so a
 * recommender that learns tastes from history can be told apart from one that only sees distance.
 */

export const CENTER = { lat: 30.25, lng: 120.15 }
const HALF_SIDE_M = 4500
const M_PER_DEG_LAT = 111_320
const M_PER_DEG_LNG = 111_320 * Math.cos((CENTER.lat * Math.PI) / 180)

/** Category → opening hours [open, close) local; close ≤ open runs past midnight. */
export const CITY_CATEGORIES: Record<string, { open: number; close: number; weight: number }> = {
  coffee: { open: 7, close: 19, weight: 3 },
  bakery: { open: 7, close: 20, weight: 1.5 },
  food: { open: 10, close: 22, weight: 5 },
  bar: { open: 18, close: 2, weight: 2 },
  hair: { open: 10, close: 20, weight: 1.5 },
  beauty: { open: 10, close: 21, weight: 1.2 },
  fitness: { open: 6, close: 22, weight: 1 },
  entertainment: { open: 13, close: 0, weight: 1 },
  grocery: { open: 7, close: 23, weight: 2 },
  massage: { open: 11, close: 23, weight: 1 },
  pet: { open: 9, close: 19, weight: 0.6 },
}
export const CITY_TAGS = ['live-music', 'pets', 'wifi', 'vegan', 'late-night', 'family-friendly', 'outdoor-seating', 'craft-beer', 'quiet', 'board-games', 'spicy', 'brunch']
const SCHEDULES: Record<string, Array<[number, number]>> = {
  morning: [[7, 12], [12, 14]],
  daytime: [[10, 18]],
  evening: [[17, 23], [19, 24]],
}

export interface CityStore { id: string; category: string; tags: string[]; price: number; quality: number; lat: number; lng: number; open: number; close: number }
export interface CityPerson { id: string; lat: number; lng: number; favCategories: Map<string, number>; favTags: string[]; price: number; schedule: string; reachM: number }
export interface CityVisit { personId: string; storeId: string; at: Date }

function uuidFrom(rng: Random): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(rng.next() * 16).toString(16)).join('')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`
}

function normal(rng: Random): number {
  return Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next())
}

function randomPoint(rng: Random): { lat: number; lng: number } {
  return { lat: CENTER.lat + ((rng.next() * 2 - 1) * HALF_SIDE_M) / M_PER_DEG_LAT, lng: CENTER.lng + ((rng.next() * 2 - 1) * HALF_SIDE_M) / M_PER_DEG_LNG }
}

/** Planar distance in metres (a few km: the error is negligible). */
export function metersBetween(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  return Math.hypot((a.lat - b.lat) * M_PER_DEG_LAT, (a.lng - b.lng) * M_PER_DEG_LNG)
}

/** Whether a store with hours [open, close) is open at `hour`. */
export function openAt(s: { open: number; close: number }, hour: number): boolean {
  return s.close > s.open ? hour >= s.open && hour < s.close : hour >= s.open || hour < s.close
}

export interface City { stores: CityStore[]; people: CityPerson[]; visits: CityVisit[] }

/** Generates the city for `seed`; the same seed always yields the same city. */
export function generateCity(seed: number, size: { stores: number; people: number; visitsPerPerson: [number, number] }, now: Date): City {
  const rng = new Random(seed)
  const categories = Object.entries(CITY_CATEGORIES)
  const stores: CityStore[] = Array.from({ length: size.stores }, () => {
    const category = rng.weighted(categories.map(([c, v]) => [c, v.weight] as const))
    const hours = CITY_CATEGORIES[category]!
    const tags = [...new Set([rng.pick(CITY_TAGS), ...(rng.chance(0.5) ? [rng.pick(CITY_TAGS)] : [])])]
    return { id: uuidFrom(rng), category, tags, price: rng.int(1, 3), quality: normal(rng), ...randomPoint(rng), open: hours.open, close: hours.close }
  })
  const people: CityPerson[] = Array.from({ length: size.people }, () => {
    const favs = new Map<string, number>()
    favs.set(rng.weighted(categories.map(([c, v]) => [c, v.weight] as const)), 4)
    favs.set(rng.weighted(categories.map(([c, v]) => [c, v.weight] as const)), 2)
    const favTags = [...new Set([rng.pick(CITY_TAGS), ...(rng.chance(0.6) ? [rng.pick(CITY_TAGS)] : [])])]
    return { id: uuidFrom(rng), ...randomPoint(rng), favCategories: favs, favTags, price: rng.int(1, 3), schedule: rng.pick(Object.keys(SCHEDULES)), reachM: 600 + rng.next() * 1000 }
  })
  const visits: CityVisit[] = []
  const dayMs = 86_400_000
  for (const person of people) {
    const nearby = stores.filter((s) => metersBetween(person, s) <= 3000)
    const n = rng.int(size.visitsPerPerson[0], size.visitsPerPerson[1])
    const history: string[] = []
    for (let v = 0; v < n; v++) {
      const [from, to] = rng.pick(SCHEDULES[person.schedule]!)
      const hour = rng.int(from, to - 1) % 24
      const day = Math.floor(((v + rng.next()) / n) * 80)
      const at = new Date(now.getTime() - (82 - day) * dayMs)
      at.setUTCHours((hour - 8 + 24) % 24, rng.int(0, 59), 0, 0) // the city is at UTC+8
      let storeId: string | undefined
      if (history.length > 0 && rng.chance(0.3)) storeId = rng.pick(history)
      else {
        const open = nearby.filter((s) => openAt(s, hour))
        const utility = open.map((s) => {
          const taste = Math.log(person.favCategories.get(s.category) ?? 0.15)
          const tags = s.tags.filter((t) => person.favTags.includes(t)).length * 1.2
          return taste + tags - 0.6 * Math.abs(s.price - person.price) + 0.6 * s.quality - metersBetween(person, s) / person.reachM + 0.8 * normal(rng)
        })
        const max = Math.max(...utility)
        if (open.length > 0) storeId = rng.weighted(open.map((s, i) => [s.id, Math.exp(utility[i]! - max)] as const))
      }
      if (!storeId) continue
      history.push(storeId)
      visits.push({ personId: person.id, storeId, at })
    }
  }
  return { stores, people, visits }
}

/**
 * Splits each person's visits: everything before their second-to-last visit to a new place is
 * training; the places first visited from there on (not seen in training) are the held-out truth.
 */
export function splitHeldOut(visits: readonly CityVisit[], perPerson = 2) {
  const byPerson = new Map<string, CityVisit[]>()
  for (const v of visits) byPerson.set(v.personId, [...(byPerson.get(v.personId) ?? []), v])
  const training: CityVisit[] = []
  const heldOut = new Map<string, { relevant: Set<string>; at: Date; seen: Set<string> }>()
  for (const [personId, list] of byPerson) {
    list.sort((a, b) => a.at.getTime() - b.at.getTime())
    const firsts = list.map((v, i) => (list.findIndex((w) => w.storeId === v.storeId) === i ? i : -1)).filter((i) => i >= 0)
    const cut = firsts.length > perPerson + 3 ? firsts[firsts.length - perPerson]! : -1
    if (cut < 0) {
      training.push(...list)
      continue
    }
    const train = list.slice(0, cut)
    const seen = new Set(train.map((v) => v.storeId))
    training.push(...train)
    heldOut.set(personId, { relevant: new Set(list.slice(cut).map((v) => v.storeId).filter((id) => !seen.has(id))), at: list[cut]!.at, seen })
  }
  return { training, heldOut }
}
