import { sql } from 'kysely'
import { Migrator } from 'kysely/migration'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { migrations } from '../migrations/index'
import { migrateToLatest } from '../src/db/migrate'
import { h3Columns } from '../src/geo/h3'
import { openEmptyDatabase, type TestDatabaseHandle } from './support/db'

// Migration 0017 gives every storefront a currency taken from its offerings (or its time zone)
// and takes what is priced otherwise off sale. Built on a database migrated up to just before it.
const MIGRATION = '0017_storefront_currency'
let handle: TestDatabaseHandle
let ownerId: string

async function storefront(name: string, timezone: string, status = 'active'): Promise<string> {
  const row = await handle.db
    .insertInto('merchants')
    .values({ owner_id: ownerId, name, category: 'food', lat: 35.68, lng: 139.76, ...h3Columns(35.68, 139.76), timezone, status: status as 'active', hours: '[{"day":1,"open":"09:00","close":"17:00"}]', address: null, phone: null, description: null, tags: [], service_radius_m: null })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

async function offering(merchantId: string, currency: string, active = true): Promise<string> {
  const row = await sql<{ id: string }>`
    INSERT INTO offerings (merchant_id, name, kind, price_cents, currency, active)
    VALUES (${merchantId}, ${`${currency} item`}, 'product', 1000, ${currency}, ${active}) RETURNING id`.execute(handle.db)
  return row.rows[0]!.id
}

async function coupon(merchantId: string, currency: string): Promise<string> {
  const row = await sql<{ id: string }>`
    INSERT INTO coupons (merchant_id, title, kind, amount_off_cents, currency, starts_at, ends_at, total_quantity)
    VALUES (${merchantId}, 'Off', 'amount_off', 100, ${currency}, now(), now() + interval '1 day', 10) RETURNING id`.execute(handle.db)
  return row.rows[0]!.id
}

const ids: Record<string, string> = {}

beforeAll(async () => {
  handle = await openEmptyDatabase()
  const before = Object.fromEntries(Object.entries(migrations).filter(([name]) => name !== MIGRATION))
  const partial = await new Migrator({ db: handle.db, provider: { getMigrations: async () => before } }).migrateToLatest()
  if (partial.error) throw partial.error
  ownerId = (await sql<{ id: string }>`INSERT INTO users (email, name, role, password_hash) VALUES ('o@example.test', 'Owner', 'merchant', 'x') RETURNING id`.execute(handle.db)).rows[0]!.id

  ids.tokyo = await storefront('Tokyo ramen', 'Asia/Tokyo')
  ids.tokyoRamen = await offering(ids.tokyo, 'JPY')
  ids.tokyoGyoza = await offering(ids.tokyo, 'JPY')

  // Priced in JPY although the zone says Shanghai: the offerings win over the zone.
  ids.mixed = await storefront('Mixed', 'Asia/Shanghai')
  ids.mixedA = await offering(ids.mixed, 'JPY')
  ids.mixedB = await offering(ids.mixed, 'JPY')
  ids.mixedUsd = await offering(ids.mixed, 'USD')
  ids.mixedUsdCoupon = await coupon(ids.mixed, 'USD')
  ids.mixedJpyCoupon = await coupon(ids.mixed, 'JPY')

  // Active offerings count before inactive ones: two withdrawn EUR items do not outvote one on sale in GBP.
  ids.london = await storefront('London', 'Europe/London')
  await offering(ids.london, 'EUR', false)
  await offering(ids.london, 'EUR', false)
  ids.londonGbp = await offering(ids.london, 'GBP')

  ids.emptyKuwait = await storefront('Empty Kuwait', 'Asia/Kuwait', 'draft')
  ids.emptyElsewhere = await storefront('Empty Reykjavik', 'Atlantic/Reykjavik', 'draft')

  // Only an unsupported currency (ISK): the zone decides, and the shop, left with nothing on sale, goes back to draft.
  ids.iceland = await storefront('Iceland', 'Asia/Tokyo')
  ids.icelandIsk = await offering(ids.iceland, 'ISK')

  const results = await migrateToLatest(handle.db)
  expect(results?.map((r) => [r.migrationName, r.status])).toEqual([[MIGRATION, 'Success']])
})

afterAll(async () => {
  await handle?.close()
})

async function merchant(id: string) {
  return (await sql<{ currency: string; status: string }>`SELECT currency, status FROM merchants WHERE id = ${id}`.execute(handle.db)).rows[0]!
}
async function activeOf(id: string) {
  return (await sql<{ active: boolean }>`SELECT active FROM offerings WHERE id = ${id}`.execute(handle.db)).rows[0]!.active
}
async function couponStatus(id: string) {
  return (await sql<{ status: string }>`SELECT status FROM coupons WHERE id = ${id}`.execute(handle.db)).rows[0]!.status
}

describe('migration 0017: currency moves to the storefront', () => {
  it('gives a storefront whose offerings are in JPY the currency JPY', async () => {
    expect(await merchant(ids.tokyo!)).toEqual({ currency: 'JPY', status: 'active' })
    expect([await activeOf(ids.tokyoRamen!), await activeOf(ids.tokyoGyoza!)]).toEqual([true, true])
  })

  it('takes the most common currency and takes the others off sale, ending their coupons', async () => {
    expect(await merchant(ids.mixed!)).toEqual({ currency: 'JPY', status: 'active' })
    expect([await activeOf(ids.mixedA!), await activeOf(ids.mixedUsd!)]).toEqual([true, false])
    expect([await couponStatus(ids.mixedJpyCoupon!), await couponStatus(ids.mixedUsdCoupon!)]).toEqual(['active', 'ended'])
  })

  it('counts offerings on sale first', async () => {
    expect((await merchant(ids.london!)).currency).toBe('GBP')
    expect(await activeOf(ids.londonGbp!)).toBe(true)
  })

  it('falls back on the time zone, then USD, for storefronts without offerings', async () => {
    expect((await merchant(ids.emptyKuwait!)).currency).toBe('KWD')
    expect((await merchant(ids.emptyElsewhere!)).currency).toBe('USD')
  })

  it('never picks an unsupported currency, and unpublishes a storefront left with nothing on sale', async () => {
    expect(await merchant(ids.iceland!)).toEqual({ currency: 'JPY', status: 'draft' })
    expect(await activeOf(ids.icelandIsk!)).toBe(false)
  })

  it('leaves every storefront with a supported currency', async () => {
    const missing = await sql<{ n: number }>`SELECT count(*)::int AS n FROM merchants m LEFT JOIN currencies c ON c.code = m.currency WHERE c.code IS NULL`.execute(handle.db)
    expect(missing.rows[0]!.n).toBe(0)
  })
})
