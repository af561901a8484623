import type { TestContext } from './app'
import { makeMerchant, makeOffering, makeUser } from './factories'

let keySeq = 0

/** A fresh Idempotency-Key, unique within the test run. */
export const newKey = () => `key-${++keySeq}-${Math.random().toString(36).slice(2)}`

/** A merchant account with one storefront (active by default) selling a ¥12.50 product. */
export async function makeShop(t: TestContext, overrides: { status?: 'draft' | 'active' } = {}) {
  const owner = await makeUser(t.deps, { role: 'merchant' })
  const merchant = await makeMerchant(t.db, { owner_id: owner.id, ...overrides })
  const product = await makeOffering(t.db, merchant.id, { kind: 'product', price_cents: 1250 })
  return { owner, merchant, product }
}

/** POST /v1/orders as `token`; `key` null sends no Idempotency-Key. */
export function placeOrder(t: TestContext, token: string, body: unknown, key: string | null = newKey()) {
  return t.call('POST', '/v1/orders', { token, body, headers: key === null ? {} : { 'Idempotency-Key': key } })
}
