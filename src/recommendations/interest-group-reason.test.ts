import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { useTestApp } from '../../test/support/app'
import { makeUser, type TestUser } from '../../test/support/factories'
import { refreshRecommendations } from './refresh'
import { backdateOrders, freshArea, makeStore, recommendations, visit } from '../../test/support/recommendations'

interface Reason { code: string; params: Record<string, unknown>; text: string }
interface Item { id: string; reasons: Reason[] }

describe('"Popular with people who like …"', () => {
  const t = useTestApp()

  /** A live-music bar that three people who chose live music went to, a nearer one only one of them did, and a plain café. */
  async function liveMusicWorld() {
    const at = freshArea()
    const gig = await makeStore(t, at, 700, { category: 'bar', tags: ['live-music'], name: 'Blue Note' })
    const small = await makeStore(t, at, 300, { category: 'bar', tags: ['live-music'], name: 'Small Stage' })
    const cafe = await makeStore(t, at, 200, { category: 'coffee', name: 'Plain Café' })
    for (let i = 0; i < 3; i++) {
      const fan = await makeUser(t.deps)
      await t.call('PUT', '/v1/me/interests', { token: fan.token, body: ['live-music'] })
      await visit(t, gig, fan)
      if (i === 0) await visit(t, small, fan)
      await backdateOrders(t, fan.id, gig.merchant.id, 2)
    }
    await refreshRecommendations(t.deps)
    return { at, gig, small, cafe }
  }

  const groupReasons = (items: Item[]) => items.flatMap((i) => i.reasons.filter((r) => r.code === 'interest_group').map((r) => ({ id: i.id, ...r })))

  it('is given for a place high in the group of an interest the user chose, and points at the group\'s real rows', async () => {
    const { at, gig } = await liveMusicWorld()
    const me = await makeUser(t.deps)
    expect((await t.call('PUT', '/v1/me/interests', { token: me.token, body: ['live-music'] })).body.chosen).toEqual(['live-music'])
    const res = await recommendations(t, at, me.token)
    expect(res.status).toBe(200)
    const reasons = groupReasons(res.body.data as Item[])
    // Small Stage has one fan only: not "popular with" anyone.
    expect(reasons).toEqual([{
      id: gig.merchant.id, code: 'interest_group', params: { tag: 'live-music', source: 'chosen', rank: 1, fans: 3 }, text: 'Popular with people who like live music',
    }])
    // The same list the user can open: GET /v1/interests/live-music/storefronts at the same point.
    const group = await t.call('GET', `/v1/interests/live-music/storefronts?lat=${at.lat}&lng=${at.lng}`, { token: me.token })
    expect(group.body.data[0]).toMatchObject({ id: gig.merchant.id, fans: 3 })
    // …and the rows behind it: three people who chose live music ordered there.
    const fans = await sql<{ n: number }>`
      SELECT count(DISTINCT o.consumer_id)::int AS n FROM orders o JOIN user_interests i ON i.user_id = o.consumer_id AND i.tag = 'live-music'
      WHERE o.merchant_id = ${gig.merchant.id} AND o.status = 'completed'`.execute(t.db)
    expect(fans.rows[0]!.n).toBe(3)
    // The interest is the user's own, as GET /v1/me/interests shows them.
    expect((await t.call('GET', '/v1/me/interests', { token: me.token })).body.chosen).toContain('live-music')
  })

  it('is given for an inferred interest too', async () => {
    const { at, gig, small } = await liveMusicWorld()
    const me = await makeUser(t.deps)
    const other = await makeStore(t, freshArea(), 0, { category: 'bar', tags: ['live-music'] })
    await visit(t, small, me)
    await visit(t, other, me)
    await backdateOrders(t, me.id, small.merchant.id, 3)
    const mine = await t.call('GET', '/v1/me/interests', { token: me.token })
    expect(mine.body.chosen).toEqual([])
    expect(mine.body.inferred.map((i: { tag: string }) => i.tag)).toContain('live-music')
    const reasons = groupReasons((await recommendations(t, at, me.token)).body.data as Item[])
    expect(reasons.find((r) => r.id === gig.merchant.id)?.params).toEqual({ tag: 'live-music', source: 'inferred', rank: 1, fans: 3 })
  })

  it('is absent when the user lacks the interest, when personalisation is off, and signed out', async () => {
    const { at, gig } = await liveMusicWorld()
    const stranger: TestUser = await makeUser(t.deps)
    await t.call('PUT', '/v1/me/interests', { token: stranger.token, body: ['coffee'] })
    let items = (await recommendations(t, at, stranger.token)).body.data as Item[]
    expect(items.map((i) => i.id)).toContain(gig.merchant.id)
    expect(groupReasons(items)).toEqual([])

    const me = await makeUser(t.deps)
    await t.call('PUT', '/v1/me/interests', { token: me.token, body: ['live-music'] })
    expect(groupReasons((await recommendations(t, at, me.token)).body.data as Item[])).toHaveLength(1)
    expect((await t.call('PATCH', '/v1/me', { token: me.token, body: { personalisation: false } })).status).toBe(200)
    items = (await recommendations(t, at, me.token)).body.data as Item[]
    expect(items.map((i) => i.id)).toContain(gig.merchant.id)
    expect(groupReasons(items)).toEqual([])

    expect(groupReasons((await recommendations(t, at)).body.data as Item[])).toEqual([])
  })

  it('groups count people who chose the interest and those with orders at two of its places (personalisation on), wherever they went', async () => {
    const at = freshArea()
    const a = await makeStore(t, at, 300, { category: 'bar', tags: ['live-music'] })
    const b = await makeStore(t, at, 500, { category: 'bar', tags: ['live-music'] })
    const cafe = await makeStore(t, at, 100, { category: 'coffee' })
    const inferred = await makeUser(t.deps)
    for (const shop of [a, b, cafe]) await visit(t, shop, inferred)
    const privateFan = await makeUser(t.deps)
    await t.call('PATCH', '/v1/me', { token: privateFan.token, body: { personalisation: false } })
    for (const shop of [a, b, cafe]) await visit(t, shop, privateFan)
    const chooser = await makeUser(t.deps)
    await t.call('PUT', '/v1/me/interests', { token: chooser.token, body: ['live-music'] })
    await visit(t, cafe, chooser)
    await refreshRecommendations(t.deps)
    const group = await t.call('GET', `/v1/interests/live-music/storefronts?lat=${at.lat}&lng=${at.lng}`)
    expect(group.body.data.map((s: { id: string; fans: number }) => [s.id, s.fans])).toEqual([[cafe.merchant.id, 2], [a.merchant.id, 1], [b.merchant.id, 1]])
  })
})
