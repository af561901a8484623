import { cellToParent, latLngToCell } from 'h3-js'
import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { seedDemo } from '../seed/demo'
import { useTestApp } from './support/app'

const t = useTestApp()

async function counts() {
  const one = async (table: 'users' | 'merchants' | 'offerings') =>
    Number((await t.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)
  return { users: await one('users'), merchants: await one('merchants'), offerings: await one('offerings') }
}

describe('demo seed', () => {
  it('loads a realistic data set once, and a second run adds nothing', { timeout: 120_000 }, async () => {
    const first = await seedDemo(t.db)
    expect(first?.cities).toEqual(expect.arrayContaining(['Hangzhou', 'Shanghai', 'New York']))
    const afterFirst = await counts()
    await seedDemo(t.db)
    expect(await counts()).toEqual(afterFirst)

    const bob = await t.db.selectFrom('users').select('id').where('email', '=', 'bob@demo.o2o').executeTakeFirstOrThrow()
    const bobsLive = await t.db.selectFrom('coupons as c').innerJoin('merchants as m', 'm.id', 'c.merchant_id').select('c.id').where('m.owner_id', '=', bob.id).where('c.status', '=', 'active').execute()
    expect(bobsLive.length).toBeGreaterThan(0)
    const deals = await t.db.selectFrom('offerings').select(['price_cents', 'face_value_cents']).where('face_value_cents', 'is not', null).execute()
    expect(deals.length).toBeGreaterThan(100)
    for (const d of deals) expect(Number(d.price_cents)).toBeLessThan(Number(d.face_value_cents))

    const active = await t.db.selectFrom('merchants').select(['timezone']).where('status', '=', 'active').execute()
    expect(active.length).toBeGreaterThanOrEqual(2000)
    expect(new Set(active.map((m) => m.timezone))).toEqual(new Set(['Asia/Shanghai', 'America/New_York', 'Europe/London']))

    const perMerchant = await t.db
      .selectFrom('merchants as m')
      // Deals (seed/coupons.ts) come on top of the 2–6 regular offerings.
      .leftJoin('offerings as o', (j) => j.onRef('o.merchant_id', '=', 'm.id').on('o.face_value_cents', 'is', null))
      .select((eb) => ['m.id', eb.fn.count<number>('o.id').as('n')])
      .groupBy('m.id')
      .execute()
    const sizes = perMerchant.map((r) => Number(r.n))
    expect(Math.min(...sizes)).toBe(2)
    expect(Math.max(...sizes)).toBe(6)

    const currencies = await t.db.selectFrom('offerings as o').innerJoin('merchants as m', 'm.id', 'o.merchant_id').select(['m.timezone', 'o.currency']).distinct().execute()
    expect(currencies).toEqual(expect.arrayContaining([{ timezone: 'Asia/Shanghai', currency: 'CNY' }, { timezone: 'America/New_York', currency: 'USD' }]))
    expect(currencies.filter((c) => c.timezone === 'Asia/Shanghai').map((c) => c.currency)).toEqual(['CNY'])
    // Currency belongs to the storefront: every offering is in its storefront's.
    const stray = await t.db.selectFrom('offerings as o').innerJoin('merchants as m', 'm.id', 'o.merchant_id').select('o.id').whereRef('o.currency', '<>', 'm.currency').execute()
    expect(stray).toEqual([])
    const london = await t.db.selectFrom('merchants').select('currency').where('timezone', '=', 'Europe/London').distinct().execute()
    expect(london).toEqual([{ currency: 'GBP' }])
  })

  it('gives storefronts plausible hours: past midnight, a weekday off, round the clock', async () => {
    const rows = await t.db.selectFrom('merchants').select(['category', 'hours']).execute()
    const crossesMidnight = rows.filter((r) => r.hours.some((s) => s.close <= s.open && s.close !== '00:00'))
    expect(crossesMidnight.length).toBeGreaterThan(50)
    expect(crossesMidnight.some((r) => r.category === 'bar')).toBe(true)
    expect(rows.filter((r) => new Set(r.hours.map((s) => s.day)).size < 7).length).toBeGreaterThan(50)
    expect(rows.filter((r) => r.category === 'hotel').every((r) => r.hours.length === 7 && r.hours.every((s) => s.open === '00:00' && s.close === '00:00'))).toBe(true)
    for (const r of rows) for (const s of r.hours) expect(`${s.day} ${s.open} ${s.close}`).toMatch(/^[0-6] ([01]\d|2[0-3]):[0-5]\d ([01]\d|2[0-3]):[0-5]\d$/)
  })

  it('stores H3 cells that match h3-js, and ratings only alongside reviews', async () => {
    const sample = await t.db.selectFrom('merchants').select(['lat', 'lng', 'h3_r9', 'h3_r5']).orderBy('id').limit(200).execute()
    for (const m of sample) {
      expect(m.h3_r9).toBe(latLngToCell(m.lat, m.lng, 9))
      expect(m.h3_r5).toBe(cellToParent(m.h3_r9, 5))
    }
    const ratings = await t.db.selectFrom('merchants').select(['rating_avg', 'review_count']).execute()
    const rated = ratings.filter((r) => r.rating_avg !== null)
    expect(rated.length).toBeGreaterThan(500)
    expect(ratings.length - rated.length).toBeGreaterThan(100)
    for (const r of rated) {
      expect(Number(r.rating_avg)).toBeGreaterThanOrEqual(1)
      expect(Number(r.rating_avg)).toBeLessThanOrEqual(5)
      expect(r.review_count).toBeGreaterThan(0)
    }
    expect(ratings.filter((r) => r.rating_avg === null).every((r) => r.review_count === 0)).toBe(true)
    // No constants: every storefront's numbers are exactly what its reviews give.
    const mismatched = await sql<{ id: string }>`
      SELECT m.id FROM merchants m
      LEFT JOIN (SELECT merchant_id, count(*)::int AS n, round(avg(rating), 2) AS avg FROM reviews WHERE hidden_at IS NULL GROUP BY merchant_id) r
        ON r.merchant_id = m.id
      WHERE m.review_count <> coalesce(r.n, 0) OR m.rating_avg IS DISTINCT FROM r.avg`.execute(t.db)
    expect(mismatched.rows).toEqual([])
    const replies = await t.db.selectFrom('review_replies').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
    expect(Number(replies.n)).toBeGreaterThan(100)
    const authors = await t.db.selectFrom('reviews as r').innerJoin('users as u', 'u.id', 'r.author_id').select(['u.email', 'u.role']).distinct().execute()
    expect(authors.length).toBeGreaterThanOrEqual(20)
    expect(authors.every((a) => a.role === 'consumer' && a.email.endsWith('@demo.o2o'))).toBe(true)
    const delivering = await t.db.selectFrom('merchants').select('category').where('service_radius_m', 'is not', null).execute()
    expect(delivering.some((m) => m.category === 'laundry')).toBe(true)
  })

  it('lets the demo accounts sign in; Bob owns storefronts in Hangzhou, one taking bookings', async () => {
    const alice = await t.call('POST', '/v1/auth/login', { body: { email: 'alice@demo.o2o', password: 'demo-password-1' } })
    expect(alice.status).toBe(200)
    expect(alice.body.user.role).toBe('consumer')
    const bob = await t.call('POST', '/v1/auth/login', { body: { email: 'bob@demo.o2o', password: 'demo-password-1' } })
    expect(bob.status).toBe(200)
    expect(bob.body.user.role).toBe('merchant')
    const shops = await t.db.selectFrom('merchants').select(['id', 'timezone', 'lat']).where('owner_id', '=', bob.body.user.id).execute()
    expect(shops.length).toBeGreaterThanOrEqual(2)
    expect(shops.every((s) => s.timezone === 'Asia/Shanghai' && Math.abs(s.lat - 30.27) < 0.1)).toBe(true)
    const services = await t.db.selectFrom('offerings').select('duration_min').where('kind', '=', 'service').where('merchant_id', 'in', shops.map((s) => s.id)).execute()
    expect(services.length).toBeGreaterThanOrEqual(3)

    // Alice's coffee history gives her personal "For you" picks near the Hangzhou centre.
    const picks = await t.call('GET', '/v1/recommendations?lat=30.2741&lng=120.1551', { token: alice.body.token })
    expect(picks.status).toBe(200)
    expect(picks.body.cold_start).toBe(false)
    const reasons = picks.body.data.flatMap((p: { reasons: Array<{ code: string }> }) => p.reasons.map((r) => r.code))
    expect(reasons).toContain('similar_to_your_place')
    // Demo diners who went to two coffee shops form the coffee interest group Alice (inferred coffee) belongs to.
    expect(reasons).toContain('interest_group')
  })

  it('gives Alice an open split order: her shares view, and an invite page that shows display names only', async () => {
    const alice = await t.call('POST', '/v1/auth/login', { body: { email: 'alice@demo.o2o', password: 'demo-password-1' } })
    const order = await t.db.selectFrom('orders').select('id').where('consumer_id', '=', alice.body.user.id).where('status', '=', 'awaiting_shares').executeTakeFirstOrThrow()
    const view = await t.call('GET', `/v1/orders/${order.id}/shares`, { token: alice.body.token })
    expect(view.status).toBe(200)
    expect(view.body.shares.map((s: { status: string }) => s.status)).toEqual(['claimed', 'cash', 'open'])
    expect(view.body.progress).toMatchObject({ paid: 0, at_counter: 1, total: 3, label: '1 of 3' })
    const invite = await t.call('GET', `/v1/split-invites/${view.body.shares[2].invite_token}`)
    expect(invite.status).toBe(200)
    expect(invite.body.payers[0].display_name).toBe('Alice Chen')
    const jobs = await t.db.selectFrom('jobs').select('kind').where('dedupe_key', '=', `split-deadline:${order.id}`).execute()
    expect(jobs).toEqual([{ kind: 'split-deadline' }])
  })

  it('with onlyIfEmpty, leaves a database that already has storefronts alone', async () => {
    const before = await counts()
    expect(await seedDemo(t.db, { onlyIfEmpty: true })).toBeNull()
    expect(await counts()).toEqual(before)
    const names = await sql<{ name: string }>`SELECT name FROM merchants WHERE name ~ '[\u4e00-\u9fff]' LIMIT 1`.execute(t.db)
    expect(names.rows).toHaveLength(1)
  })
})
