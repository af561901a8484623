import { describe, expect, it } from 'vitest'
import { currencyExponent } from '../money'
import { discountCents } from './discount'

const pct = (percent_off: number, currency = 'CNY', max_discount_cents: number | null = null) =>
  ({ kind: 'percent_off', percent_off, max_discount_cents, amount_off_cents: null, currency }) as const

describe('discount arithmetic in integer minor units', () => {
  it('amount_off takes its amount, never more than the base', () => {
    expect(discountCents({ kind: 'amount_off', amount_off_cents: 500, percent_off: null, max_discount_cents: null, currency: 'CNY' }, 3750)).toBe(500)
    expect(discountCents({ kind: 'amount_off', amount_off_cents: 5000, percent_off: null, max_discount_cents: null, currency: 'CNY' }, 3750)).toBe(3750)
  })

  it('percent_off rounds half up and is capped by max_discount_cents and the base', () => {
    expect(discountCents(pct(15), 1250)).toBe(188) // 187.5 → 188
    expect(discountCents(pct(15), 1230)).toBe(185) // 184.5 → 185
    expect(discountCents(pct(15), 1229)).toBe(184) // 184.35 → 184
    expect(discountCents(pct(50, 'CNY', 1000), 3750)).toBe(1000)
    expect(discountCents(pct(90), 1)).toBe(1) // 0.9 → 1, still ≤ base
    expect(discountCents(pct(1), 49)).toBe(0) // 0.49 → 0
    expect(discountCents(pct(90), 99_999_999)).toBe(89_999_999)
  })

  it('JPY has no decimals: the minor unit is the yen', () => {
    expect(currencyExponent('JPY')).toBe(0)
    expect(discountCents(pct(15, 'JPY'), 1250)).toBe(188) // ¥187.5 → ¥188
  })

  it('KWD has three decimals: the discount moves in 10 fils (Stripe charges whole 10s)', () => {
    expect(currencyExponent('KWD')).toBe(3)
    expect(discountCents(pct(10, 'KWD'), 12_340)).toBe(1_230) // 1.234 KWD → 1.230
    expect(discountCents(pct(10, 'KWD'), 12_350)).toBe(1_240) // 1.235 KWD → 1.240 (half up)
    expect(discountCents(pct(10, 'KWD', 1_000), 12_350)).toBe(1_000)
  })
})
