import { expect } from 'vitest'
import type { TestContext } from './app'
import { makeMerchant, makeOffering, makeUser, type TestUser } from './factories'
import { placeOrder } from './orders'

/**
 * A 100.00 CNY one-place service tomorrow at a storefront owned by a fresh merchant account, split
 * three ways (shares 3334/3333/3333) by a fresh organiser.
 */
export async function splitOrder(t: TestContext, split: unknown = { shares: 3 }) {
  const owner = await makeUser(t.deps, { role: 'merchant' })
  const merchant = await makeMerchant(t.db, { name: 'Hotpot House', owner_id: owner.id })
  const service = await makeOffering(t.db, merchant.id, { kind: 'service', duration_min: 60, capacity: 1, price_cents: 10_000 })
  const organiser = await makeUser(t.deps, { name: 'Olivia' })
  const slot = new Date(Math.ceil(Date.now() / 3_600_000) * 3_600_000 + 24 * 3_600_000).toISOString()
  const res = await placeOrder(t, organiser.token, { merchant_id: merchant.id, items: [{ offering_id: service.id, quantity: 1, slot_start: slot }], payment_method: 'stripe', split })
  return { res, organiser, owner, merchant, service, slot }
}

/** The organiser's view of the split order's shares (asserting 200). */
export async function sharesOf(t: TestContext, orderId: string, organiser: TestUser) {
  const res = await t.call('GET', `/v1/orders/${orderId}/shares`, { token: organiser.token })
  expect(res.status).toBe(200)
  return res.body
}

/** `friend` claims share `position` (the organiser holds 0); asserting 200. */
export async function claim(t: TestContext, orderId: string, organiser: TestUser, position: number, friend: TestUser) {
  const share = (await sharesOf(t, orderId, organiser)).shares[position]
  if (position > 0) expect((await t.call('POST', `/v1/split-invites/${share.invite_token}/claim`, { token: friend.token })).status).toBe(200)
  return share as { id: string; invite_token: string; amount_cents: number }
}

/** `friend` claims share `position` and starts paying it; returns the intent as Stripe would report it authorised. */
export async function claimAndPay(t: TestContext, orderId: string, organiser: TestUser, position: number, friend: TestUser) {
  const share = await claim(t, orderId, organiser, position, friend)
  const pay = await t.call('POST', `/v1/orders/${orderId}/shares/${share.id}/pay`, { token: friend.token })
  expect(pay.status).toBe(200)
  return { share, pay: pay.body, intent: { id: pay.body.payment_intent_id, object: 'payment_intent', amount: share.amount_cents, amount_capturable: share.amount_cents, currency: 'cny', metadata: { order_id: orderId, share_id: share.id } } }
}
