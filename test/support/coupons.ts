import type { TestContext } from './app'

/** A live campaign body for POST /v1/merchants/:id/coupons (¥5 off, 100 of them, valid for a day). */
export function couponBody(overrides: Record<string, unknown> = {}) {
  const now = Date.now()
  return {
    title: '¥5 off',
    kind: 'amount_off',
    amount_off_cents: 500,
    currency: 'CNY',
    starts_at: new Date(now - 3_600_000).toISOString(),
    ends_at: new Date(now + 86_400_000).toISOString(),
    total_quantity: 100,
    ...overrides,
  }
}

/** Creates a campaign as the storefront's owner; returns the coupon body (throws on a non-201). */
export async function makeCoupon(t: TestContext, ownerToken: string, merchantId: string, overrides: Record<string, unknown> = {}) {
  const res = await t.call('POST', `/v1/merchants/${merchantId}/coupons`, { token: ownerToken, body: couponBody(overrides) })
  if (res.status !== 201) throw new Error(`coupon not created: ${res.status} ${res.text}`)
  return res.body
}

/** POST /v1/coupons/:id/claim as `token`. */
export function claim(t: TestContext, token: string, couponId: string) {
  return t.call('POST', `/v1/coupons/${couponId}/claim`, { token })
}
