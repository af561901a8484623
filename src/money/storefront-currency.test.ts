import { sql } from 'kysely'
import { beforeAll, describe, expect, it } from 'vitest'
import { useTestApp } from '../../test/support/app'
import { couponBody } from '../../test/support/coupons'
import { makeMerchant, makeOffering, makeUser, type TestUser } from '../../test/support/factories'
import { placeOrder } from '../../test/support/orders'
import { CURRENCY_EXPONENTS } from './currencies'

const t = useTestApp()
let owner: TestUser
let consumer: TestUser
beforeAll(async () => {
  owner = await makeUser(t.deps, { role: 'merchant' })
  consumer = await makeUser(t.deps)
})

const TOKYO = { lat: 35.6812, lng: 139.7671 }
const storefrontBody = (overrides: Record<string, unknown> = {}) => ({
  name: 'Ginza Ramen',
  category: 'food',
  location: TOKYO,
  timezone: 'Asia/Tokyo',
  hours: [{ day: 1, open: '11:00', close: '22:00' }],
  ...overrides,
})
const addOffering = (merchantId: string, body: Record<string, unknown>) => t.call('POST', `/v1/merchants/${merchantId}/offerings`, { token: owner.token, body })
const paths = (res: { body: { errors?: Array<{ path: string }> } }) => (res.body.errors ?? []).map((e) => e.path)

describe("a storefront's currency", () => {
  it('defaults from the time zone, or is chosen; an unsupported code is a 422 naming the field', async () => {
    const tokyo = await t.call('POST', '/v1/merchants', { token: owner.token, body: storefrontBody() })
    expect([tokyo.status, tokyo.body.currency]).toEqual([201, 'JPY'])
    const kuwait = await t.call('POST', '/v1/merchants', { token: owner.token, body: storefrontBody({ timezone: 'Asia/Kuwait', location: { lat: 29.37, lng: 47.98 } }) })
    expect(kuwait.body.currency).toBe('KWD')
    const chosen = await t.call('POST', '/v1/merchants', { token: owner.token, body: storefrontBody({ currency: 'USD' }) })
    expect(chosen.body.currency).toBe('USD')
    for (const currency of ['usd', 'ISK', 'XYZ']) {
      const bad = await t.call('POST', '/v1/merchants', { token: owner.token, body: storefrontBody({ currency }) })
      expect([bad.status, paths(bad)], currency).toEqual([422, ['currency']])
    }
  })

  it('makes a Tokyo shop refuse a USD offering with 422 naming currency, and inherit JPY when it is left out', async () => {
    const shop = await makeMerchant(t.db, { owner_id: owner.id, timezone: 'Asia/Tokyo', status: 'draft' })
    expect(shop.currency).toBe('JPY')
    const usd = await addOffering(shop.id, { name: 'Ramen', kind: 'product', price_cents: 1200, currency: 'USD' })
    expect(usd.status).toBe(422)
    expect(usd.body.code).toBe('currency_mismatch')
    expect(usd.body.errors).toEqual([{ path: 'currency', message: "must be the storefront's currency JPY (or left out to inherit it), not USD" }])
    const inherited = await addOffering(shop.id, { name: 'Ramen', kind: 'product', price_cents: 1200 })
    expect([inherited.status, inherited.body.currency, inherited.body.price_cents]).toEqual([201, 'JPY', 1200])
    const explicit = await addOffering(shop.id, { name: 'Gyoza', kind: 'product', price_cents: 500, currency: 'JPY' })
    expect(explicit.status).toBe(201)
    expect(await t.db.selectFrom('offerings').select('id').where('merchant_id', '=', shop.id).execute()).toHaveLength(2)
  })

  it('takes prices in three-decimal currencies in whole tens of fils', async () => {
    const shop = await makeMerchant(t.db, { owner_id: owner.id, timezone: 'Asia/Kuwait', status: 'draft' })
    const odd = await addOffering(shop.id, { name: 'Machboos', kind: 'product', price_cents: 1234 })
    expect([odd.status, paths(odd)]).toEqual([422, ['price_cents']])
    expect(odd.body.errors[0].message).toMatch(/multiple of 10 in KWD/)
    expect((await addOffering(shop.id, { name: 'Machboos', kind: 'product', price_cents: 1250 })).status).toBe(201)
  })

  it('is held by the database: an offering on sale or a new order in another currency is refused', async () => {
    const shop = await makeMerchant(t.db, { owner_id: owner.id, timezone: 'Asia/Tokyo' })
    await expect(makeOffering(t.db, shop.id, { kind: 'product', currency: 'USD' })).rejects.toThrow(/offerings_storefront_currency_fk/)
    const parked = await makeOffering(t.db, shop.id, { kind: 'product', currency: 'USD', active: false })
    await expect(t.db.updateTable('offerings').set({ active: true }).where('id', '=', parked.id).execute()).rejects.toThrow(/offerings_storefront_currency_fk/)
    const order = sql`
      INSERT INTO orders (consumer_id, merchant_id, status, payment_provider, subtotal_cents, platform_fee_cents, total_cents, currency)
      VALUES (${consumer.id}, ${shop.id}, 'confirmed', 'cash', 100, 0, 100, 'USD')`
    await expect(order.execute(t.db)).rejects.toThrow(/not the currency of storefront/)
    await expect(sql`UPDATE merchants SET currency = 'ISK' WHERE id = ${shop.id}`.execute(t.db)).rejects.toThrow(/merchants_currency_fk/)
  })

  it('puts an offering left in another currency back on sale only re-priced in the storefront’s', async () => {
    const shop = await makeMerchant(t.db, { owner_id: owner.id, timezone: 'Asia/Tokyo' })
    await makeOffering(t.db, shop.id, { kind: 'product' })
    const parked = await makeOffering(t.db, shop.id, { kind: 'product', currency: 'USD', price_cents: 1250, active: false })
    const resume = await t.call('PATCH', `/v1/offerings/${parked.id}`, { token: owner.token, body: { active: true } })
    expect([resume.status, paths(resume)]).toEqual([422, ['currency']])
    const noPrice = await t.call('PATCH', `/v1/offerings/${parked.id}`, { token: owner.token, body: { active: true, currency: 'JPY' } })
    expect([noPrice.status, paths(noPrice)]).toEqual([422, ['price_cents']])
    const repriced = await t.call('PATCH', `/v1/offerings/${parked.id}`, { token: owner.token, body: { active: true, currency: 'JPY', price_cents: 1800 } })
    expect([repriced.status, repriced.body.currency, repriced.body.price_cents, repriced.body.active]).toEqual([200, 'JPY', 1800, true])
  })

  it('changes only while nothing is on sale and no coupon is live (409 currency_in_use)', async () => {
    const created = await t.call('POST', '/v1/merchants', { token: owner.token, body: storefrontBody() })
    const id = created.body.id
    const moved = await t.call('PATCH', `/v1/merchants/${id}`, { token: owner.token, body: { currency: 'USD' } })
    expect([moved.status, moved.body.currency]).toEqual([200, 'USD'])
    const offering = await addOffering(id, { name: 'Burger', kind: 'product', price_cents: 1500 })
    expect(offering.body.currency).toBe('USD')
    const locked = await t.call('PATCH', `/v1/merchants/${id}`, { token: owner.token, body: { currency: 'JPY' } })
    expect([locked.status, locked.body.code]).toEqual([409, 'currency_in_use'])
    expect((await t.db.selectFrom('merchants').select('currency').where('id', '=', id).executeTakeFirstOrThrow()).currency).toBe('USD')
  })

  it('makes coupons inherit it and refuses another currency with 422', async () => {
    const shop = await makeMerchant(t.db, { owner_id: owner.id, timezone: 'Asia/Tokyo' })
    const usd = await t.call('POST', `/v1/merchants/${shop.id}/coupons`, { token: owner.token, body: couponBody({ currency: 'USD' }) })
    expect([usd.status, usd.body.code, paths(usd)]).toEqual([422, 'currency_mismatch', ['currency']])
    const { currency: _c, ...noCurrency } = couponBody({ amount_off_cents: 100 })
    const inherited = await t.call('POST', `/v1/merchants/${shop.id}/coupons`, { token: owner.token, body: noCurrency })
    expect([inherited.status, inherited.body.currency]).toEqual([201, 'JPY'])
    const kuwait = await makeMerchant(t.db, { owner_id: owner.id, timezone: 'Asia/Kuwait' })
    const fils = await t.call('POST', `/v1/merchants/${kuwait.id}/coupons`, { token: owner.token, body: { ...noCurrency, amount_off_cents: 125 } })
    expect([fils.status, paths(fils)]).toEqual([422, ['amount_off_cents']])
  })
})

describe('orders in the storefront currency', () => {
  it('totals a yen order in whole yen, with the fee rounded to the yen', async () => {
    const shop = await makeMerchant(t.db, { owner_id: owner.id, timezone: 'Asia/Tokyo' })
    const ramen = await makeOffering(t.db, shop.id, { kind: 'product', price_cents: 1250 })
    const res = await placeOrder(t, consumer.token, { merchant_id: shop.id, items: [{ offering_id: ramen.id, quantity: 3 }], payment_method: 'cash' })
    expect(res.status).toBe(201)
    // ¥3,750; 5 % is ¥187.5 → ¥188.
    expect(res.body).toMatchObject({ currency: 'JPY', subtotal_cents: 3750, total_cents: 3750, platform_fee_cents: 188 })
  })

  it('totals a dinar order in fils, with the fee rounded to 10 fils', async () => {
    const shop = await makeMerchant(t.db, { owner_id: owner.id, timezone: 'Asia/Kuwait' })
    const tea = await makeOffering(t.db, shop.id, { kind: 'product', price_cents: 1250 })
    const res = await placeOrder(t, consumer.token, { merchant_id: shop.id, items: [{ offering_id: tea.id, quantity: 1 }], payment_method: 'cash' })
    expect(res.status).toBe(201)
    // KWD 1.250; 5 % is 62.5 fils → 60.
    expect(res.body).toMatchObject({ currency: 'KWD', subtotal_cents: 1250, total_cents: 1250, platform_fee_cents: 60 })
    const row = await t.db.selectFrom('orders').select(['currency', 'total_cents']).where('id', '=', res.body.id).executeTakeFirstOrThrow()
    expect([row.currency, Number(row.total_cents)]).toEqual(['KWD', 1250])
  })
})

describe('the contract', () => {
  it('lists the same currencies and exponents in the database as in src/money', async () => {
    const rows = await t.db.selectFrom('currencies' as never).select(['code', 'minor_units'] as never).execute() as Array<{ code: string; minor_units: number }>
    expect(Object.fromEntries(rows.map((r) => [r.code, r.minor_units]))).toEqual(CURRENCY_EXPONENTS)
  })

  it('says in the OpenAPI document that *_cents are ISO 4217 minor units of the currency', async () => {
    const schemas = (await t.call('GET', '/openapi.json')).body.components.schemas
    const described = (schema: string, field: string) => schemas[schema].properties[field].description as string
    for (const [schema, field] of [['Offering', 'price_cents'], ['Order', 'total_cents'], ['Order', 'platform_fee_cents'], ['Coupon', 'amount_off_cents'], ['CreateOfferingRequest', 'price_cents'], ['SharePayment', 'amount_cents']] as const) {
      expect(described(schema, field), `${schema}.${field}`).toMatch(/minor unit per ISO 4217.*yen for JPY.*fils for KWD/)
    }
    expect(schemas.Storefront.properties.currency.description).toMatch(/offerings, coupons and orders/)
    expect(schemas.CreateStorefrontRequest.properties.currency.enum).toEqual(expect.arrayContaining(['JPY', 'KWD', 'CNY']))
  })
})
