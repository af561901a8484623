import { describe, expect, it } from 'vitest'
import { useTestApp } from '../../test/support/app'
import { makeMerchant, makeOffering, makeUser } from '../../test/support/factories'
import { FAILURE_WINDOW_MS, MAX_FAILED_CODES } from './redeem'
import { CODE_ALPHABET, formatRedemptionCode, newRedemptionCode, parseRedemptionCode } from './redemption-code'

const t = useTestApp()
let seq = 0

async function cashOrder() {
  const owner = await makeUser(t.deps, { role: 'merchant' })
  const merchant = await makeMerchant(t.db, { owner_id: owner.id })
  const product = await makeOffering(t.db, merchant.id, { kind: 'voucher', price_cents: 5000 })
  const consumer = await makeUser(t.deps)
  const res = await t.call('POST', '/v1/orders', {
    token: consumer.token,
    headers: { 'Idempotency-Key': `r-${++seq}` },
    body: { merchant_id: merchant.id, items: [{ offering_id: product.id, quantity: 1 }], payment_method: 'cash' },
  })
  expect(res.status).toBe(201)
  return { owner, merchant, consumer, order: res.body, code: res.body.redemption_code as string }
}

function redeem(token: string, merchantId: string, code: string) {
  return t.call('POST', `/v1/merchants/${merchantId}/redemptions`, { token, body: { code } })
}

describe('redemption codes', () => {
  it('are 10 symbols from a 32-symbol alphabet without 0, O, 1 or I (50 bits), read in any case with or without the dash', () => {
    expect(CODE_ALPHABET).toHaveLength(32)
    expect(CODE_ALPHABET).not.toMatch(/[0O1I]/)
    const codes = new Set(Array.from({ length: 2000 }, () => newRedemptionCode()))
    expect(codes.size).toBe(2000)
    for (const code of codes) expect(code).toMatch(/^[2-9A-HJ-NP-Z]{10}$/)
    const code = 'K7QX3M9PRT'
    expect(formatRedemptionCode(code)).toBe('K7QX3-M9PRT')
    expect(parseRedemptionCode('k7qx3-m9prt')).toBe(code)
    expect(parseRedemptionCode(' K7QX3 M9PRT ')).toBe(code)
    expect(parseRedemptionCode('K7QX3-M9PR')).toBeUndefined()
    expect(parseRedemptionCode('K7QX3-M9PR0')).toBeUndefined()
  })
})

describe('redeeming at the counter', () => {
  it('completes the order once; the second redemption is 409', async () => {
    const { owner, merchant, code, order } = await cashOrder()
    const first = await redeem(owner.token, merchant.id, code)
    expect(first.status).toBe(200)
    expect(first.body).toMatchObject({ id: order.id, status: 'completed' })
    const second = await redeem(owner.token, merchant.id, code)
    expect(second.status).toBe(409)
  })

  it("treats another storefront's code like an unknown one, and hides storefronts you do not own", async () => {
    const a = await cashOrder()
    const b = await cashOrder()
    const wrongShop = await redeem(b.owner.token, b.merchant.id, a.code)
    expect(wrongShop.status).toBe(404)
    const unknown = await redeem(b.owner.token, b.merchant.id, 'ZZZZZ-ZZZZZ')
    expect(unknown.status).toBe(404)
    expect(wrongShop.body.code).toBe(unknown.body.code)
    expect((await redeem(b.owner.token, a.merchant.id, a.code)).status).toBe(403) // the one owner rule: a visible storefront of another
    expect((await redeem(a.consumer.token, a.merchant.id, a.code)).status).toBe(403)
    expect((await t.call('POST', `/v1/merchants/${a.merchant.id}/redemptions`, { body: { code: a.code } })).status).toBe(401)
    expect((await redeem(a.owner.token, a.merchant.id, '')).status).toBe(422)
    const stillOpen = await t.call('GET', `/v1/orders/${a.order.id}`, { token: a.consumer.token })
    expect(stillOpen.body.status).toBe('confirmed')
  })

  it('does not redeem a cancelled order', async () => {
    const { owner, merchant, consumer, order, code } = await cashOrder()
    expect((await t.call('POST', `/v1/orders/${order.id}/cancel`, { token: consumer.token })).status).toBe(200)
    const res = await redeem(owner.token, merchant.id, code)
    expect(res.status).toBe(409)
    expect(res.body.code).toBe('order_not_redeemable')
  })

  it('locks a storefront out after too many wrong codes, counted in the database, with Retry-After', async () => {
    const start = new Date('2026-11-23T10:00:00Z')
    t.setNow(start)
    try {
      const { owner, merchant, code, order } = await cashOrder()
      for (let i = 0; i < MAX_FAILED_CODES; i++) {
        expect((await redeem(owner.token, merchant.id, `WRONG-${i}`)).status).toBe(404)
      }
      const limited = await redeem(owner.token, merchant.id, code)
      expect(limited.status).toBe(429)
      expect(Number(limited.headers.get('retry-after'))).toBe(FAILURE_WINDOW_MS / 1000)
      const failures = await t.db.selectFrom('redemption_failures').select('id').where('merchant_id', '=', merchant.id).execute()
      expect(failures).toHaveLength(MAX_FAILED_CODES)

      // Other storefronts are not affected.
      const other = await cashOrder()
      expect((await redeem(other.owner.token, other.merchant.id, other.code)).status).toBe(200)

      t.setNow(new Date(start.getTime() + FAILURE_WINDOW_MS + 1000))
      const later = await redeem(owner.token, merchant.id, code)
      expect(later.status).toBe(200)
      expect(later.body.id).toBe(order.id)
    } finally {
      t.setNow(undefined)
    }
  })

  it('checks at most 10 codes when 100 wrong ones arrive at once', async () => {
    const { owner, merchant, code } = await cashOrder()
    const results = await Promise.all(Array.from({ length: 100 }, (_, i) => redeem(owner.token, merchant.id, `WRONG-${i}`)))
    const statuses = results.map((r) => r.status)
    expect(statuses.filter((s) => s === 404)).toHaveLength(MAX_FAILED_CODES)
    expect(statuses.filter((s) => s === 429)).toHaveLength(100 - MAX_FAILED_CODES)
    const failures = await t.db.selectFrom('redemption_failures').select('id').where('merchant_id', '=', merchant.id).execute()
    expect(failures).toHaveLength(MAX_FAILED_CODES)
    expect((await redeem(owner.token, merchant.id, code)).status).toBe(429)
  })

  it('gives a right code its turn back, so a busy counter is never locked by its own redemptions', async () => {
    const owner = await makeUser(t.deps, { role: 'merchant' })
    const merchant = await makeMerchant(t.db, { owner_id: owner.id })
    const product = await makeOffering(t.db, merchant.id, { kind: 'voucher', price_cents: 5000 })
    const consumer = await makeUser(t.deps)
    for (let i = 0; i < MAX_FAILED_CODES + 3; i++) {
      const placed = await t.call('POST', '/v1/orders', {
        token: consumer.token,
        headers: { 'Idempotency-Key': `busy-${++seq}` },
        body: { merchant_id: merchant.id, items: [{ offering_id: product.id, quantity: 1 }], payment_method: 'cash' },
      })
      expect(placed.status).toBe(201)
      expect((await redeem(owner.token, merchant.id, placed.body.redemption_code)).status).toBe(200)
    }
    expect((await redeem(owner.token, merchant.id, 'ZZZZZ-ZZZZZ')).status).toBe(404)
  })
})
