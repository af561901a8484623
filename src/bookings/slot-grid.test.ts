import { describe, expect, it } from 'vitest'
import { useTestApp } from '../../test/support/app'
import { makeMerchant, makeOffering, makeUser } from '../../test/support/factories'
import { onSlotGrid } from './slot-grid'

const t = useTestApp()
let seq = 0

async function salon(hours = [{ day: 2, open: '09:30', close: '18:00' }], timezone = 'Asia/Shanghai') {
  t.setNow(new Date('2026-11-23T00:00:00Z'))
  const owner = await makeUser(t.deps, { role: 'merchant' })
  const merchant = await makeMerchant(t.db, { owner_id: owner.id, hours, timezone })
  const service = await makeOffering(t.db, merchant.id, { kind: 'service', duration_min: 30, capacity: 1, price_cents: 5000 })
  const consumer = await makeUser(t.deps)
  const book = (slot_start: string) =>
    t.call('POST', '/v1/orders', {
      token: consumer.token,
      headers: { 'Idempotency-Key': `grid-${++seq}` },
      body: { merchant_id: merchant.id, items: [{ offering_id: service.id, quantity: 1, slot_start }], payment_method: 'cash' },
    })
  return { merchant, service, book }
}

describe('booking on the slot grid', () => {
  it('accepts a slot /availability lists and refuses an off-grid start with a 422 naming the field', async () => {
    const { book } = await salon()
    expect((await book('2026-11-24T10:00:00+08:00')).status).toBe(201)
    const off = await book('2026-11-24T10:07:00+08:00')
    expect(off.status).toBe(422)
    expect(off.body.errors).toEqual([{ path: 'items[0].slot_start', message: expect.stringMatching(/^is not a slot start: slots run every 30 minutes from opening time/) }])
    // The grid starts at opening (09:30), not on the hour: 10:15 is off it too.
    expect((await book('2026-11-24T10:15:00+08:00')).status).toBe(422)
    expect((await book('2026-11-24T10:00:30+08:00')).status).toBe(422)
  })

  it('follows the shop time zone and shifts past midnight', () => {
    const late = [{ day: 5, open: '20:00', close: '02:00' }]
    expect(onSlotGrid(late, 'America/New_York', new Date('2026-11-28T01:30:00-05:00'), 30)).toBe(true)
    expect(onSlotGrid(late, 'America/New_York', new Date('2026-11-28T01:40:00-05:00'), 30)).toBe(false)
    // The last slot must end by closing time.
    expect(onSlotGrid(late, 'America/New_York', new Date('2026-11-28T01:30:00-05:00'), 60)).toBe(false)
  })
})
