import { sql } from 'kysely'
import type { TestContext } from './app'
import { makeMerchant, type MakeMerchant, makeOffering, makeUser, type TestUser } from './factories'
import { completedOrder } from './reviews'

let area = 0

/** A fresh spot (lat, lng) far from every other test's storefronts, so rankings do not mix. */
export function freshArea(): { lat: number; lng: number } {
  area += 1
  return { lat: 20 + area * 0.5, lng: 100 + area * 0.5 }
}

/** A storefront with a ¥12.50 product, `metersNorth` of `at` (a merchant account owns it). */
export async function makeStore(t: TestContext, at: { lat: number; lng: number }, metersNorth: number, overrides: MakeMerchant = {}) {
  const owner = await makeUser(t.deps, { role: 'merchant' })
  const merchant = await makeMerchant(t.db, { owner_id: owner.id, lat: at.lat + metersNorth / 111_320, lng: at.lng, ...overrides })
  const product = await makeOffering(t.db, merchant.id, { kind: 'product', price_cents: 1250 })
  return { owner, merchant, product }
}

/** `times` redeemed cash orders by `consumer` at `shop`. */
export async function visit(t: TestContext, shop: Awaited<ReturnType<typeof makeStore>>, consumer: TestUser, times = 1): Promise<string[]> {
  const ids: string[] = []
  for (let i = 0; i < times; i++) ids.push((await completedOrder(t, shop, consumer)).orderId)
  return ids
}

/** Moves the user's orders at `merchantId` back by `days` (history from before today). */
export async function backdateOrders(t: TestContext, userId: string, merchantId: string, days: number): Promise<void> {
  const at = new Date(Date.now() - days * 86_400_000)
  await sql`UPDATE orders SET created_at = ${at} WHERE consumer_id = ${userId} AND merchant_id = ${merchantId}`.execute(t.db)
}

/** GET /v1/recommendations at `at` as `token` (anonymous without). */
export function recommendations(t: TestContext, at: { lat: number; lng: number }, token?: string, extra = '') {
  return t.call('GET', `/v1/recommendations?lat=${at.lat}&lng=${at.lng}${extra}`, { token })
}
