import type { Transaction } from 'kysely'
import type { Database } from '../src/db/database'
import { rebuildInterestGroups } from '../src/recommendations/interests.repository'
import { rebuildPopularity, rebuildSimilarity } from '../src/recommendations/similarity.repository'
import { vocabulary } from '../src/recommendations/vocabulary'
import type { DemoAccount } from './accounts'
import type { DemoMerchant } from './generate'
import { demoUuid, Random } from './random'

const DAY = 86_400_000
const HANGZHOU = { lat: 30.2741, lng: 120.1551 }

function meters(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  return Math.hypot((a.lat - b.lat) * 111_320, (a.lng - b.lng) * 111_320 * Math.cos((a.lat * Math.PI) / 180))
}

/**
 * History for "For you": Alice ordered twice at each of two coffee shops near the Hangzhou map
 * centre, and a dozen demo diners who went there also went to other coffee shops and bakeries
 * nearby (the co-visitation the recommender learns from). Then the similarity and popularity
 * and interest-group tables are built, so the demo shows personal picks before the hourly job first runs.
 */
export async function seedRecommendations(
  trx: Transaction<Database>,
  input: { fresh: readonly DemoMerchant[]; diners: readonly DemoAccount[]; aliceId: string },
): Promise<number> {
  const near = input.fresh
    .filter((m) => m.status === 'active' && m.owner !== 'bob' && m.offerings.length > 0 && meters(m, HANGZHOU) < 2500)
    .sort((a, b) => meters(a, HANGZHOU) - meters(b, HANGZHOU))
  const coffee = near.filter((m) => m.category === 'coffee')
  const bakeries = near.filter((m) => m.category === 'bakery')
  if (coffee.length < 4) return 0
  const rng = new Random(16)
  const now = Date.now()
  const visits: Array<{ key: string; userId: string; m: DemoMerchant; daysAgo: number }> = []
  const alicePlaces = coffee.slice(0, 2)
  for (const m of alicePlaces) for (const n of [0, 1]) visits.push({ key: `alice/${m.id}/${n}`, userId: input.aliceId, m, daysAgo: 3 + n * 9 + rng.int(0, 3) })
  const others = [...coffee.slice(2, 10), ...bakeries.slice(0, 3)]
  for (const [i, diner] of input.diners.slice(0, 12).entries()) {
    visits.push({ key: `${diner.id}/mine`, userId: diner.id, m: alicePlaces[i % 2]!, daysAgo: rng.int(2, 40) })
    for (const m of rng.sample(others, 2)) visits.push({ key: `${diner.id}/${m.id}`, userId: diner.id, m, daysAgo: rng.int(2, 40) })
  }
  const rows = visits.map((v) => {
    const offering = v.m.offerings[0]!
    const id = demoUuid(`order/recs/${v.key}`)
    const at = new Date(now - v.daysAgo * DAY)
    return {
      order: {
        id, consumer_id: v.userId, merchant_id: v.m.id, status: 'completed' as const, payment_provider: 'cash' as const, subtotal_cents: offering.price_cents,
        platform_fee_cents: Math.round(offering.price_cents * 0.05), total_cents: offering.price_cents, currency: offering.currency, created_at: at, updated_at: at,
      },
      item: { order_id: id, position: 0, offering_id: offering.id, name: offering.name, kind: offering.kind, unit_price_cents: offering.price_cents, quantity: 1, slot_start: null, slot_end: null },
      event: { order_id: id, from_status: null, to_status: 'completed' as const, cause: 'redeemed', at },
    }
  })
  await trx.insertInto('orders').values(rows.map((r) => r.order)).onConflict((oc) => oc.column('id').doNothing()).execute()
  await trx.insertInto('order_items').values(rows.map((r) => r.item)).onConflict((oc) => oc.doNothing()).execute()
  await trx.insertInto('order_events').values(rows.map((r) => r.event)).execute()
  await rebuildSimilarity(trx, new Date(now - 365 * DAY))
  await rebuildPopularity(trx, new Date(now - 90 * DAY), new Date(now))
  await rebuildInterestGroups(trx, (await vocabulary(trx)).map((term) => term.tag), new Date(now))
  return rows.length
}
