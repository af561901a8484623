import { describe, expect, it } from 'vitest'
import { useTestApp } from '../../test/support/app'
import { makeMerchant, makeOffering, makeUser } from '../../test/support/factories'

const t = useTestApp()
let seq = 0
const WEEKDAYS_9_TO_18 = [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, open: '09:00', close: '18:00' }))

async function salon(capacity = 2, overrides: Parameters<typeof makeMerchant>[1] = {}) {
  t.setNow(new Date('2026-11-23T00:00:00Z'))
  const owner = await makeUser(t.deps, { role: 'merchant' })
  const merchant = await makeMerchant(t.db, { owner_id: owner.id, hours: WEEKDAYS_9_TO_18, timezone: 'Asia/Shanghai', ...overrides })
  const service = await makeOffering(t.db, merchant.id, { kind: 'service', duration_min: 60, capacity, price_cents: 8800 })
  return { owner, merchant, service }
}

function book(token: string, merchantId: string, offeringId: string, slot_start: string, quantity = 1) {
  return t.call('POST', '/v1/orders', {
    token,
    headers: { 'Idempotency-Key': `book-${++seq}` },
    body: { merchant_id: merchantId, items: [{ offering_id: offeringId, quantity, slot_start }], payment_method: 'cash' },
  })
}

// The slots of a day; the answer has the `{data, next_cursor}` shape of every list.
async function availability(merchantId: string, offeringId: string, date: string) {
  const res = await t.call('GET', `/v1/merchants/${merchantId}/availability?offering_id=${offeringId}&date=${date}`)
  if (res.status !== 200) return res
  expect(res.body.next_cursor).toBeNull()
  return { ...res, body: res.body.data }
}

describe('availability', () => {
  it("lists the day's slots in local time with offsets, stepping by the duration, minus bookings", async () => {
    const { merchant, service } = await salon(2)
    const before = await availability(merchant.id, service.id, '2026-11-24')
    expect(before.status).toBe(200)
    expect(before.body).toHaveLength(9)
    expect(before.body[0]).toEqual({ start: '2026-11-24T09:00:00+08:00', end: '2026-11-24T10:00:00+08:00', remaining: 2 })
    expect(before.body[8].start).toBe('2026-11-24T17:00:00+08:00')

    const consumer = await makeUser(t.deps)
    const booked = await book(consumer.token, merchant.id, service.id, '2026-11-24T10:00:00+08:00')
    expect(booked.status).toBe(201)
    // Echoed in the shop's offset, as sent and as availability lists it (not converted to UTC).
    expect(booked.body.items[0].slot_start).toBe('2026-11-24T10:00:00+08:00')
    const after = await availability(merchant.id, service.id, '2026-11-24')
    expect(after.body.find((s: { start: string }) => s.start === '2026-11-24T10:00:00+08:00').remaining).toBe(1)

    await book(consumer.token, merchant.id, service.id, '2026-11-24T02:00:00Z') // same slot written in UTC
    const full = await availability(merchant.id, service.id, '2026-11-24')
    expect(full.body.map((s: { start: string }) => s.start)).not.toContain('2026-11-24T10:00:00+08:00')
  })

  it('covers shifts that run past midnight, in a zone with a negative offset', async () => {
    const { merchant, service } = await salon(1, { timezone: 'America/New_York', hours: [{ day: 5, open: '20:00', close: '02:00' }] })
    const saturday = await availability(merchant.id, service.id, '2026-11-28')
    expect(saturday.body.map((s: { start: string }) => s.start)).toEqual(['2026-11-28T00:00:00-05:00', '2026-11-28T01:00:00-05:00'])
    const friday = await availability(merchant.id, service.id, '2026-11-27')
    expect(friday.body.map((s: { start: string }) => s.start)).toEqual([
      '2026-11-27T20:00:00-05:00',
      '2026-11-27T21:00:00-05:00',
      '2026-11-27T22:00:00-05:00',
      '2026-11-27T23:00:00-05:00',
    ])
    const consumer = await makeUser(t.deps)
    expect((await book(consumer.token, merchant.id, service.id, '2026-11-28T01:00:00-05:00')).status).toBe(201)
    expect((await book(consumer.token, merchant.id, service.id, '2026-11-28T01:30:00-05:00')).status).toBe(422)
  })

  it('answers 422 for a bad date or a non-service offering and 404 for unknown ids', async () => {
    const { merchant, service } = await salon()
    const product = await makeOffering(t.db, merchant.id, { kind: 'product' })
    expect((await availability(merchant.id, service.id, '2026-02-30')).body.errors[0].path).toBe('date')
    expect((await availability(merchant.id, service.id, 'tomorrow')).status).toBe(422)
    const notService = await availability(merchant.id, product.id, '2026-11-24')
    expect(notService.status).toBe(422)
    expect(notService.body.errors[0].path).toBe('offering_id')
    expect((await availability('00000000-0000-4000-8000-000000000000', service.id, '2026-11-24')).status).toBe(404)
  })
})

describe('booking rules', () => {
  it('rejects slots outside opening hours or in the past, naming slot_start', async () => {
    const { merchant, service } = await salon()
    const consumer = await makeUser(t.deps)
    const late = await book(consumer.token, merchant.id, service.id, '2026-11-24T17:30:00+08:00')
    expect(late.status).toBe(422)
    expect(late.body.errors).toEqual([{ path: 'items[0].slot_start', message: "is outside the storefront's opening hours (Asia/Shanghai)" }])
    const early = await book(consumer.token, merchant.id, service.id, '2026-11-24T08:59:00+08:00')
    expect(early.status).toBe(422)
    const past = await book(consumer.token, merchant.id, service.id, '2026-11-22T10:00:00+08:00')
    expect(past.body.errors).toEqual([{ path: 'items[0].slot_start', message: 'is in the past' }])
    const notIso = await book(consumer.token, merchant.id, service.id, 'next tuesday')
    expect(notIso.status).toBe(422)
    expect(notIso.body.errors[0].path).toBe('items[0].slot_start')
  })

  it('gives the last place to exactly one of many simultaneous orders', async () => {
    const { merchant, service } = await salon(1)
    const consumers = await Promise.all(Array.from({ length: 6 }, () => makeUser(t.deps)))
    const results = await Promise.all(consumers.map((c) => book(c.token, merchant.id, service.id, '2026-11-24T11:00:00+08:00')))
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409])
    expect(results.find((r) => r.status === 409)?.body.code).toBe('slot_full')
    const active = await t.db.selectFrom('bookings').select('id').where('offering_id', '=', service.id).where('active', '=', true).execute()
    expect(active).toHaveLength(1)
    // Losers stored nothing.
    expect(await t.db.selectFrom('orders').select('id').where('merchant_id', '=', merchant.id).execute()).toHaveLength(1)
  })

  it('counts quantity as places and frees them when the order is cancelled', async () => {
    const { merchant, service } = await salon(3)
    const a = await makeUser(t.deps)
    const b = await makeUser(t.deps)
    const big = await book(a.token, merchant.id, service.id, '2026-11-24T12:00:00+08:00', 2)
    expect(big.status).toBe(201)
    expect((await book(b.token, merchant.id, service.id, '2026-11-24T12:00:00+08:00', 2)).status).toBe(409) // 2 + 2 places > 3
    const cancelled = await t.call('POST', `/v1/orders/${big.body.id}/cancel`, { token: a.token })
    expect(cancelled.body.status).toBe('cancelled')
    expect((await book(b.token, merchant.id, service.id, '2026-11-24T12:00:00+08:00', 3)).status).toBe(201)
  })
})
