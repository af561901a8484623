import type { Executor } from '../../../src/db/database'
import { h3Columns } from '../../../src/geo/h3'
import { ALWAYS_OPEN } from '../../support/factories'

const CATEGORIES = ['food', 'coffee', 'bakery', 'hair', 'massage', 'grocery', 'fitness', 'pet']

/**
 * Inserts `count` active storefronts spread deterministically over a ~6 km square around
 * `center` (enough to make the map cluster), one owner for all. Every eighth is a coffee shop.
 */
export async function seedCrowd(db: Executor, center: { lat: number; lng: number }, count: number): Promise<void> {
  const owner = await db
    .insertInto('users')
    .values({ email: `crowd-${Date.now()}@example.test`, name: 'Crowd owner', role: 'merchant', password_hash: 'x' })
    .returning('id')
    .executeTakeFirstOrThrow()
  const rows = Array.from({ length: count }, (_, i) => {
    // A low-discrepancy spread: evenly covers the square without clumping.
    const lat = center.lat + (((i * 0.618034) % 1) - 0.5) * 0.055
    const lng = center.lng + (((i * 0.754878) % 1) - 0.5) * 0.065
    const category = CATEGORIES[i % CATEGORIES.length] as string
    return {
      owner_id: owner.id,
      name: `${category === 'coffee' ? 'Crowd Coffee' : 'Crowd shop'} ${i + 1}`,
      description: null,
      category,
      tags: [],
      lat,
      lng,
      ...h3Columns(lat, lng),
      address: null,
      phone: null,
      timezone: 'Asia/Shanghai',
      hours: JSON.stringify(ALWAYS_OPEN),
      service_radius_m: null,
      status: 'active' as const,
    }
  })
  for (let i = 0; i < rows.length; i += 200) await db.insertInto('merchants').values(rows.slice(i, i + 200)).execute()
}
