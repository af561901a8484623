import { describe, expect, it } from 'vitest'
import type { components } from './api-types.gen'
import { previewCoupon } from './coupon-preview'

type Coupon = components['schemas']['Coupon']
const NOW = new Date('2026-12-04T10:00:00Z')
const coupon = (overrides: Partial<Coupon> = {}): Coupon => ({
  id: 'c1',
  merchant_id: 'm1',
  title: 'test',
  kind: 'amount_off',
  amount_off_cents: 1000,
  percent_off: null,
  max_discount_cents: null,
  min_spend_cents: 4000,
  currency: 'CNY',
  starts_at: '2026-12-01T00:00:00Z',
  ends_at: '2026-12-31T00:00:00Z',
  total_quantity: 10,
  claimed_count: 1,
  remaining: 9,
  per_user_limit: 1,
  new_customers_only: false,
  offering_ids: [],
  status: 'active',
  ...overrides,
})
const line = (offering_id: string, unit_price_cents: number, quantity: number) => ({ offering_id, unit_price_cents, quantity })

describe('the checkout preview of a coupon (the server decides; the preview must agree with it)', () => {
  it('takes an amount off once the minimum spend is met, and says how much is missing before', () => {
    expect(previewCoupon(coupon(), [line('a', 2400, 1)], 'CNY', NOW)).toEqual({ rule: 'min_spend', missing_cents: 1600 })
    expect(previewCoupon(coupon(), [line('a', 2400, 2)], 'CNY', NOW)).toEqual({ discount_cents: 1000 })
  })

  it('rounds a percentage half up in minor units and caps it, like src/coupons/discount.ts', () => {
    const pct = coupon({ kind: 'percent_off', amount_off_cents: null, percent_off: 15, max_discount_cents: 1000, min_spend_cents: 0 })
    expect(previewCoupon(pct, [line('a', 1250, 1)], 'CNY', NOW)).toEqual({ discount_cents: 188 })
    expect(previewCoupon(pct, [line('a', 10_000, 1)], 'CNY', NOW)).toEqual({ discount_cents: 1000 })
    const yen = coupon({ kind: 'percent_off', amount_off_cents: null, percent_off: 15, currency: 'JPY', min_spend_cents: 0 })
    expect(previewCoupon(yen, [line('a', 999, 1)], 'JPY', NOW)).toEqual({ discount_cents: 150 })
  })

  it('counts only covered items, and names the rule the server would name', () => {
    const some = coupon({ offering_ids: ['b'], min_spend_cents: 1000 })
    expect(previewCoupon(some, [line('a', 5000, 1)], 'CNY', NOW)).toEqual({ rule: 'offering_not_covered' })
    expect(previewCoupon(some, [line('a', 5000, 1), line('b', 800, 1)], 'CNY', NOW)).toEqual({ rule: 'min_spend', missing_cents: 200 })
    expect(previewCoupon(coupon({ starts_at: '2026-12-05T00:00:00Z' }), [line('a', 5000, 1)], 'CNY', NOW)).toEqual({ rule: 'not_yet_valid' })
    expect(previewCoupon(coupon({ ends_at: '2026-12-04T10:00:00Z' }), [line('a', 5000, 1)], 'CNY', NOW)).toEqual({ rule: 'expired' })
    expect(previewCoupon(coupon(), [line('a', 5000, 1)], 'USD', NOW)).toEqual({ rule: 'currency_mismatch' })
  })
})
