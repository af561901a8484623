import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { useTestApp } from '../../test/support/app'
import { makeCoupon } from '../../test/support/coupons'
import { makeUser } from '../../test/support/factories'
import { backdateOrders, freshArea, makeStore, recommendations, visit } from '../../test/support/recommendations'
import { refreshRecommendations } from './refresh'

interface Item { id: string; category: string; score: number; reasons: Array<{ code: string; params: Record<string, unknown>; text: string }> }

describe('GET /v1/recommendations', () => {
  const t = useTestApp()

  /** Me: two orders at coffee shop A (days ago); two other people went to A and B; C is a nearer, unrelated shop. */
  async function coffeeWorld() {
    const at = freshArea()
    const a = await makeStore(t, at, 600, { category: 'coffee', name: '老街咖啡' })
    const b = await makeStore(t, at, 900, { category: 'coffee', name: 'Bean There' })
    const c = await makeStore(t, at, 100, { category: 'laundry', name: 'Suds' })
    const me = await makeUser(t.deps)
    await visit(t, a, me, 2)
    await backdateOrders(t, me.id, a.merchant.id, 3)
    for (let i = 0; i < 2; i++) {
      const other = await makeUser(t.deps)
      await visit(t, a, other)
      await visit(t, b, other)
    }
    await refreshRecommendations(t.deps)
    return { at, a, b, c, me }
  }

  it('explains a co-visited place with the user\'s own orders, and each reason points at real rows', async () => {
    const { at, a, b, me } = await coffeeWorld()
    const res = await recommendations(t, at, me.token)
    expect(res.status).toBe(200)
    expect(res.body.cold_start).toBe(false)
    const items = res.body.data as Item[]
    const similar = items.find((i) => i.id === b.merchant.id)
    expect(similar).toBeDefined()
    const reason = similar!.reasons.find((r) => r.code === 'similar_to_your_place')
    expect(reason).toMatchObject({ params: { merchant_id: a.merchant.id, merchant_name: '老街咖啡', action: 'ordered', count: 2 } })
    expect(reason!.text).toBe('Similar to places you like: you ordered at 老街咖啡 twice')
    const mine = await sql<{ n: number }>`SELECT count(*)::int AS n FROM orders WHERE consumer_id = ${me.id} AND merchant_id = ${a.merchant.id}`.execute(t.db)
    expect(mine.rows[0]!.n).toBe(2)
    const pair = await t.db.selectFrom('storefront_similarity').selectAll().where('merchant_id', '=', a.merchant.id).where('similar_id', '=', b.merchant.id).executeTakeFirst()
    expect(pair?.co_visitors).toBe(2)
    expect(pair?.similar_h3_r7).toBe(b.merchant.h3_r7)
    // The distance reason is the real distance (B is 900 m north of the point).
    const distance = similar!.reasons.find((r) => r.code === 'distance')!
    expect(Math.abs(Number(distance.params.distance_m) - 900)).toBeLessThan(10)
    // Every card has at least one reason, and the co-visited place outranks the unrelated nearer one.
    expect(items.every((i) => i.reasons.length >= 1)).toBe(true)
    const visitedBefore = items.find((i) => i.id === a.merchant.id)!.reasons.find((r) => r.code === 'visited_before')
    expect(visitedBefore?.params.count).toBe(2)
  })

  it('never shows a place the user visited today, nor one marked "Not interested" (until shown again)', async () => {
    const { at, a, b, c, me } = await coffeeWorld()
    await visit(t, c, me)
    let ids = ((await recommendations(t, at, me.token)).body.data as Item[]).map((i) => i.id)
    expect(ids).not.toContain(c.merchant.id)
    expect(ids).toContain(a.merchant.id)
    expect((await t.call('PUT', `/v1/me/hidden-storefronts/${b.merchant.id}`, { token: me.token })).body).toEqual({ merchant_id: b.merchant.id, hidden: true })
    expect((await t.call('PUT', `/v1/me/hidden-storefronts/${b.merchant.id}`, { token: me.token })).status).toBe(200)
    ids = ((await recommendations(t, at, me.token)).body.data as Item[]).map((i) => i.id)
    expect(ids).not.toContain(b.merchant.id)
    expect((await t.call('DELETE', `/v1/me/hidden-storefronts/${b.merchant.id}`, { token: me.token })).body.hidden).toBe(false)
    ids = ((await recommendations(t, at, me.token)).body.data as Item[]).map((i) => i.id)
    expect(ids).toContain(b.merchant.id)
    expect((await t.call('PUT', '/v1/me/hidden-storefronts/not-a-uuid', { token: me.token })).status).toBe(422)
    expect((await t.call('PUT', `/v1/me/hidden-storefronts/${crypto.randomUUID()}`, { token: me.token })).status).toBe(404)
    expect((await t.call('PUT', `/v1/me/hidden-storefronts/${b.merchant.id}`)).status).toBe(401)
  })

  it('never shows a merchant account its own storefronts (consumer accounts own none)', async () => {
    const at = freshArea()
    const mine = await makeStore(t, at, 100, { category: 'coffee', name: 'Mine' })
    const other = await makeStore(t, at, 300, { category: 'coffee', name: 'Theirs' })
    const asOwner = ((await recommendations(t, at, mine.owner.token)).body.data as Item[]).map((i) => i.id)
    expect(asOwner).toContain(other.merchant.id)
    expect(asOwner).not.toContain(mine.merchant.id)
    const asOtherOwner = ((await recommendations(t, at, other.owner.token)).body.data as Item[]).map((i) => i.id)
    expect(asOtherOwner).toEqual(expect.arrayContaining([mine.merchant.id]))
    expect(asOtherOwner).not.toContain(other.merchant.id)
  })

  it('personalisation off gives no history-based reason; cleared history gives a cold start', async () => {
    const historyCodes = ['similar_to_your_place', 'visited_before', 'you_follow']
    const { at, me } = await coffeeWorld()
    const off = await t.call('PATCH', '/v1/me', { token: me.token, body: { personalisation: false } })
    expect(off.status).toBe(200)
    expect(off.body).toEqual({ personalisation: false, history_cleared_at: null })
    let res = await recommendations(t, at, me.token)
    expect(res.body.cold_start).toBe(true)
    expect((res.body.data as Item[]).flatMap((i) => i.reasons).filter((r) => historyCodes.includes(r.code) || r.params.source === 'inferred')).toEqual([])
    expect((await t.call('GET', '/v1/me/interests', { token: me.token })).body).toEqual({ chosen: [], personalisation: false, inferred: [] })

    await t.call('PATCH', '/v1/me', { token: me.token, body: { personalisation: true } })
    expect((await recommendations(t, at, me.token)).body.cold_start).toBe(false)
    expect((await t.call('GET', '/v1/me/interests', { token: me.token })).body.inferred).toEqual([{ tag: 'coffee', share: 1 }])
    const cleared = await t.call('DELETE', '/v1/me/history', { token: me.token })
    expect(cleared.status).toBe(200)
    expect(cleared.body.personalisation).toBe(true)
    expect(typeof cleared.body.history_cleared_at).toBe('string')
    res = await recommendations(t, at, me.token)
    expect(res.body.cold_start).toBe(true)
    expect((res.body.data as Item[]).flatMap((i) => i.reasons).filter((r) => historyCodes.includes(r.code))).toEqual([])
  })

  it('quotes the live coupon that ends soonest, never a paused, used-up or future one', async () => {
    const at = freshArea()
    const day = 86_400_000
    const withCoupons = await makeStore(t, at, 300)
    await makeCoupon(t, withCoupons.owner.token, withCoupons.merchant.id, { title: '¥5 off', ends_at: new Date(Date.now() + 2 * day).toISOString() })
    await makeCoupon(t, withCoupons.owner.token, withCoupons.merchant.id, { title: '¥10 off ¥50', min_spend_cents: 5000, amount_off_cents: 1000, ends_at: new Date(Date.now() + day).toISOString() })
    const paused = await makeStore(t, at, 400)
    const pausedCoupon = await makeCoupon(t, paused.owner.token, paused.merchant.id)
    await sql`UPDATE coupons SET status = 'paused' WHERE id = ${pausedCoupon.id}`.execute(t.db)
    const usedUp = await makeStore(t, at, 500)
    const usedUpCoupon = await makeCoupon(t, usedUp.owner.token, usedUp.merchant.id, { total_quantity: 1 })
    await sql`UPDATE coupons SET claimed_count = total_quantity WHERE id = ${usedUpCoupon.id}`.execute(t.db)
    const future = await makeStore(t, at, 600)
    await makeCoupon(t, future.owner.token, future.merchant.id, { starts_at: new Date(Date.now() + day).toISOString(), ends_at: new Date(Date.now() + 2 * day).toISOString() })

    const items = (await recommendations(t, at)).body.data as Item[]
    const coupon = (id: string) => items.find((i) => i.id === id)!.reasons.find((r) => r.code === 'coupon')
    expect(coupon(withCoupons.merchant.id)).toEqual({ code: 'coupon', params: { title: '¥10 off ¥50' }, text: 'Coupon: ¥10 off ¥50' })
    for (const shop of [paused, usedUp, future]) expect(coupon(shop.merchant.id)).toBeUndefined()
  })

  it('keeps at most 3 of one category in the top 10', async () => {
    const at = freshArea()
    for (let i = 0; i < 8; i++) await makeStore(t, at, 50 + i * 10, { category: 'coffee' })
    for (let i = 0; i < 4; i++) await makeStore(t, at, 400 + i * 50, { category: 'food' })
    for (let i = 0; i < 4; i++) await makeStore(t, at, 800 + i * 50, { category: 'bar' })
    for (let i = 0; i < 2; i++) await makeStore(t, at, 1500 + i * 50, { category: 'hair' })
    const res = await recommendations(t, at, undefined, '&limit=10')
    expect(res.status).toBe(200)
    const counts = new Map<string, number>()
    for (const i of res.body.data as Item[]) counts.set(i.category, (counts.get(i.category) ?? 0) + 1)
    expect(res.body.data).toHaveLength(10)
    expect(Math.max(...counts.values())).toBeLessThanOrEqual(3)
    expect(res.body.cold_start).toBe(true)
  })

  it('pages through one ranked snapshot without repeats, even when the ranking changes in between', async () => {
    const at = freshArea()
    const stores = []
    for (let i = 0; i < 23; i++) stores.push(await makeStore(t, at, 30 + i * 40, { category: ['coffee', 'food', 'bar', 'hair', 'pet'][i % 5] }))
    const user = await makeUser(t.deps)
    const first = await recommendations(t, at, user.token, '&limit=10')
    expect(first.body.data).toHaveLength(10)
    // A new visit would change the ranking; the cursor still walks the first list.
    await visit(t, stores[22]!, user)
    const second = await t.call('GET', `/v1/recommendations?lat=${at.lat}&lng=${at.lng}&limit=10&cursor=${first.body.next_cursor}`, { token: user.token })
    expect(second.status).toBe(200)
    const third = await t.call('GET', `/v1/recommendations?lat=${at.lat}&lng=${at.lng}&limit=10&cursor=${second.body.next_cursor}`, { token: user.token })
    expect(third.body.next_cursor).toBeNull()
    const ids = [...first.body.data, ...second.body.data, ...third.body.data].map((i: Item) => i.id)
    expect(ids).toHaveLength(23)
    expect(new Set(ids).size).toBe(23)
    // The cursor only works for the same user and query.
    const other = await makeUser(t.deps)
    expect((await t.call('GET', `/v1/recommendations?lat=${at.lat}&lng=${at.lng}&limit=10&cursor=${first.body.next_cursor}`, { token: other.token })).status).toBe(422)
    expect((await t.call('GET', `/v1/recommendations?lat=${at.lat + 1}&lng=${at.lng}&cursor=${first.body.next_cursor}`, { token: user.token })).status).toBe(422)
    expect((await t.call('GET', `/v1/recommendations?lat=${at.lat}&lng=${at.lng}&cursor=${first.body.next_cursor}x`, { token: user.token })).status).toBe(422)
  })

  it('refresh: one runner at a time (a second finds the lock and skips), and afterwards it runs again', async () => {
    if (process.env.TEST_DATABASE_URL) {
      // A second refresh while the first holds the lock skips instead of rebuilding alongside it.
      const held = t.db.transaction().execute(async (trx) => {
        await sql`SELECT pg_advisory_xact_lock(${0x72656373})`.execute(trx)
        expect(await refreshRecommendations(t.deps)).toBeNull()
      })
      await held
    }
    // Once the lock is free (and always on PGlite, which has one connection) the refresh runs.
    expect(typeof (await refreshRecommendations(t.deps))).toBe('number')
  })

  it('ends older cursors when the user clears their history or turns personalisation off', async () => {
    const at = freshArea()
    for (let i = 0; i < 12; i++) await makeStore(t, at, 30 + i * 40, { category: ['coffee', 'food', 'bar'][i % 3] })
    const user = await makeUser(t.deps)
    const page2 = (cursor: string) => t.call('GET', `/v1/recommendations?lat=${at.lat}&lng=${at.lng}&limit=5&cursor=${cursor}`, { token: user.token })
    const before = await recommendations(t, at, user.token, '&limit=5')
    expect((await page2(before.body.next_cursor)).status).toBe(200)
    expect((await t.call('DELETE', '/v1/me/history', { token: user.token })).status).toBe(200)
    const afterClear = await page2(before.body.next_cursor)
    expect([afterClear.status, afterClear.body.code]).toEqual([422, 'invalid_cursor'])
    const again = await recommendations(t, at, user.token, '&limit=5')
    expect((await t.call('PATCH', '/v1/me', { token: user.token, body: { personalisation: false } })).status).toBe(200)
    expect((await page2(again.body.next_cursor)).status).toBe(422)
    // A signed-out list is nobody's history and keeps walking.
    const anon = await recommendations(t, at, undefined, '&limit=5')
    expect((await t.call('GET', `/v1/recommendations?lat=${at.lat}&lng=${at.lng}&limit=5&cursor=${anon.body.next_cursor}`)).status).toBe(200)
  })

  it('rejects bad parameters with 422 naming the field, and bad tokens with 401', async () => {
    for (const [query, field] of [['lng=120', 'lat'], ['lat=abc&lng=120', 'lat'], ['lat=30&lng=120&limit=51', 'limit'], ['lat=30&lng=120&radius_m=0', 'radius_m'], ['lat=30&lng=120&nope=1', '']] as const) {
      const res = await t.call('GET', `/v1/recommendations?${query}`)
      expect(res.status).toBe(422)
      if (field) expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(field)
    }
    expect((await t.call('GET', '/v1/recommendations?lat=30&lng=120', { token: 'garbage' })).status).toBe(401)
  })
})

describe('signals and interests', () => {
  const t = useTestApp()

  it('counts a view once per day, only for visible storefronts and signed-in users with personalisation on', async () => {
    const at = freshArea()
    const shop = await makeStore(t, at, 10)
    const draft = await makeStore(t, at, 20, { status: 'draft' })
    const me = await makeUser(t.deps)
    const view = (id: string, token?: string) => t.call('POST', '/v1/events/view', { token, body: { merchant_id: id } })
    expect((await view(shop.merchant.id, me.token)).body).toEqual({ merchant_id: shop.merchant.id, recorded: true })
    expect((await view(shop.merchant.id, me.token)).body).toEqual({ merchant_id: shop.merchant.id, recorded: false })
    const rows = await t.db.selectFrom('storefront_views').selectAll().where('user_id', '=', me.id).execute()
    expect(rows).toHaveLength(1)
    expect((await view(shop.merchant.id)).status).toBe(401)
    expect((await view(draft.merchant.id, me.token)).status).toBe(404)
    expect((await view('nope', me.token)).status).toBe(422)
    const other = await makeUser(t.deps)
    await t.call('PATCH', '/v1/me', { token: other.token, body: { personalisation: false } })
    expect((await view(shop.merchant.id, other.token)).body.recorded).toBe(false)
    expect((await t.call('PATCH', '/v1/me', { token: me.token, body: { personalisation: 'no' } })).status).toBe(422)
    expect((await t.call('DELETE', '/v1/me/history', { token: me.token })).status).toBe(200)
    expect(await t.db.selectFrom('storefront_views').selectAll().where('user_id', '=', me.id).execute()).toEqual([])
  })

  it('keeps chosen interests from the vocabulary and lists the interest group near a point', async () => {
    const vocab = await t.call('GET', '/v1/interests')
    expect(vocab.status).toBe(200)
    expect(vocab.body.data).toContainEqual({ tag: 'coffee', kind: 'category', name: 'Coffee & tea', name_en: 'Coffee & tea', name_zh: '咖啡茶饮' })
    expect(vocab.body.data).toContainEqual({ tag: 'live-music', kind: 'tag', name: 'Live music', name_en: 'Live music', name_zh: '现场音乐' })
    // Named in both languages, as categories are: every seeded category and every tag has its Chinese name.
    expect(vocab.body.data.filter((v: { name_zh: string | null }) => !v.name_zh || !/[\u4e00-\u9fff]/.test(v.name_zh))).toEqual([])
    const me = await makeUser(t.deps)
    const put = await t.call('PUT', '/v1/me/interests', { token: me.token, body: ['live-music', 'coffee', 'coffee'] })
    expect(put.status).toBe(200)
    expect(put.body).toEqual({ chosen: ['coffee', 'live-music'], personalisation: true, inferred: [] })
    const bad = await t.call('PUT', '/v1/me/interests', { token: me.token, body: ['coffee', 'skydiving'] })
    expect(bad.status).toBe(422)
    expect(bad.body.errors).toEqual([{ path: '1', message: "'skydiving' is not an interest; see GET /v1/interests" }])
    expect((await t.call('PUT', '/v1/me/interests', { token: me.token, body: ['Not A Tag'] })).status).toBe(422)
    expect((await t.call('PUT', '/v1/me/interests', { body: ['coffee'] })).status).toBe(401)

    const at = freshArea()
    const bar = await makeStore(t, at, 200, { category: 'bar', tags: ['live-music'] })
    const quiet = await makeStore(t, at, 100, { category: 'bar' })
    await visit(t, bar, me)
    await visit(t, quiet, await makeUser(t.deps))
    // Interest groups are counted by the refresh job, as similarity and popularity are.
    expect((await t.call('GET', `/v1/interests/live-music/storefronts?lat=${at.lat}&lng=${at.lng}`)).body.data).toEqual([])
    await refreshRecommendations(t.deps)
    const group = await t.call('GET', `/v1/interests/live-music/storefronts?lat=${at.lat}&lng=${at.lng}`)
    expect(group.status).toBe(200)
    expect(group.body.data.map((s: { id: string; fans: number }) => [s.id, s.fans])).toEqual([[bar.merchant.id, 1]])
    expect((await t.call('GET', `/v1/interests/skydiving/storefronts?lat=${at.lat}&lng=${at.lng}`)).status).toBe(404)
    expect((await t.call('GET', `/v1/interests/Bad!/storefronts?lat=${at.lat}&lng=${at.lng}`)).status).toBe(422)
    expect((await t.call('GET', '/v1/interests/coffee/storefronts?lat=1')).status).toBe(422)

    // Chosen interests steer a cold start, labelled as such, with the interest as a reason.
    const recs = await recommendations(t, at, me.token)
    expect(recs.body.cold_start).toBe(false)
    const fresh = await makeUser(t.deps)
    await t.call('PUT', '/v1/me/interests', { token: fresh.token, body: ['live-music'] })
    const cold = await recommendations(t, at, fresh.token)
    expect(cold.body.cold_start).toBe(true)
    expect(cold.body.data[0].id).toBe(bar.merchant.id)
    expect(cold.body.data[0].reasons[0]).toMatchObject({ code: 'interest', params: { tag: 'live-music', source: 'chosen' } })
  })
})
