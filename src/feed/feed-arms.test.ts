import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import type { TestContext } from '../../test/support/app'
import { useTestApp } from '../../test/support/app'
import { makeCoupon } from '../../test/support/coupons'
import { makeUser, type TestUser } from '../../test/support/factories'
import { makeShop } from '../../test/support/orders'
import { completedOrder, postReview, type Shop } from '../../test/support/reviews'
import { type FeedKey, feedKeys } from './feed.repository'

interface Item {
  type: string
  id: string
  merchant: { id: string; name: string }
  post: unknown
  coupon: { id: string; title: string; status: string } | null
  deal: { id: string; name: string; deal: { face_value_cents: number; saving_cents: number } | null } | null
  review_reply: unknown
}

async function post(t: TestContext, shop: Shop, text: string): Promise<string> {
  const res = await t.call('POST', `/v1/merchants/${shop.merchant.id}/posts`, { token: shop.owner.token, body: { text } })
  if (res.status !== 201) throw new Error(`posting failed: ${res.status} ${res.text}`)
  return res.body.id
}

async function coupon(t: TestContext, shop: Shop, title: string): Promise<string> {
  return (await makeCoupon(t, shop.owner.token, shop.merchant.id, { title })).id
}

async function deal(t: TestContext, shop: Shop, name: string, overrides: Record<string, unknown> = {}): Promise<string> {
  const body = { name, kind: 'voucher', price_cents: 8000, currency: 'CNY', face_value_cents: 10000, ...overrides }
  const res = await t.call('POST', `/v1/merchants/${shop.merchant.id}/offerings`, { token: shop.owner.token, body })
  if (res.status !== 201) throw new Error(`offering not created: ${res.status} ${res.text}`)
  return res.body.id
}

async function follow(t: TestContext, fan: TestUser, shop: Shop) {
  expect((await t.call('PUT', `/v1/merchants/${shop.merchant.id}/follow`, { token: fan.token })).status).toBe(200)
}

async function feed(t: TestContext, fan: TestUser): Promise<Item[]> {
  const res = await t.call('GET', '/v1/feed?limit=50', { token: fan.token })
  expect(res.status).toBe(200)
  return res.body.data
}

async function readAll(t: TestContext, fan: TestUser, limit: number, between: () => Promise<void>): Promise<string[]> {
  const seen: string[] = []
  let cursor: string | null = null
  do {
    const res = await t.call('GET', `/v1/feed?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`, { token: fan.token })
    expect(res.status).toBe(200)
    seen.push(...res.body.data.map((i: Item) => i.id))
    cursor = res.body.next_cursor
    await between()
  } while (cursor)
  return seen
}

describe('the feed arms: new coupons and new deals of followed storefronts', () => {
  const t = useTestApp()

  it('shows a new coupon campaign, with what a client needs to show and claim it', async () => {
    const shop = await makeShop(t)
    const fan = await makeUser(t.deps)
    await follow(t, fan, shop)
    const id = await coupon(t, shop, '¥5 off this week')
    const [item] = await feed(t, fan)
    expect(item).toMatchObject({
      type: 'coupon',
      id,
      merchant: { id: shop.merchant.id, name: shop.merchant.name },
      post: null,
      deal: null,
      review_reply: null,
      coupon: { id, title: '¥5 off this week', kind: 'amount_off', amount_off_cents: 500, currency: 'CNY', status: 'active', remaining: 100 },
    })
    expect(item?.coupon).not.toHaveProperty('stats')
    // Paused campaigns may resume, so they stay; ending one withdraws it from the feed.
    expect((await t.call('POST', `/v1/coupons/${id}/pause`, { token: shop.owner.token })).status).toBe(200)
    expect((await feed(t, fan)).map((i) => [i.id, i.coupon?.status])).toEqual([[id, 'paused']])
    expect((await t.call('POST', `/v1/coupons/${id}/end`, { token: shop.owner.token })).status).toBe(200)
    expect(await feed(t, fan)).toEqual([])
  })

  it('shows a new deal (a voucher below face value) but not a plain offering, and drops it when it stops being one', async () => {
    const shop = await makeShop(t)
    const fan = await makeUser(t.deps)
    await follow(t, fan, shop)
    await deal(t, shop, 'Plain voucher', { face_value_cents: null })
    const id = await deal(t, shop, 'Dinner for two')
    const items = await feed(t, fan)
    expect(items).toHaveLength(1)
    expect(items[0]).toMatchObject({
      type: 'deal',
      id,
      merchant: { id: shop.merchant.id },
      coupon: null,
      deal: { id, name: 'Dinner for two', price_cents: 8000, currency: 'CNY', deal: { face_value_cents: 10000, saving_cents: 2000 } },
    })
    expect((await t.call('PATCH', `/v1/offerings/${id}`, { token: shop.owner.token, body: { active: false } })).status).toBe(200)
    expect(await feed(t, fan)).toEqual([])
  })

  it('shows a voucher edited into a deal as new at the time of the edit', async () => {
    const shop = await makeShop(t)
    const fan = await makeUser(t.deps)
    await follow(t, fan, shop)
    const voucher = await deal(t, shop, 'Tea set', { face_value_cents: null })
    const news = await post(t, shop, 'Tea set back in stock')
    expect((await t.call('PATCH', `/v1/offerings/${voucher}`, { token: shop.owner.token, body: { face_value_cents: 9900 } })).status).toBe(200)
    expect((await feed(t, fan)).map((i) => [i.type, i.id])).toEqual([
      ['deal', voucher],
      ['post', news],
    ])
    // Editing the price of a deal that stays a deal does not bring it up again.
    await post(t, shop, 'Open late tonight')
    expect((await t.call('PATCH', `/v1/offerings/${voucher}`, { token: shop.owner.token, body: { price_cents: 7000 } })).status).toBe(200)
    expect((await feed(t, fan)).map((i) => i.type)).toEqual(['post', 'deal', 'post'])
  })

  it('orders every arm newest first and pages with no repeats or skips while items of every kind arrive', async () => {
    const fan = await makeUser(t.deps)
    const shops = [await makeShop(t), await makeShop(t), await makeShop(t)]
    const stranger = await makeShop(t)
    for (const shop of shops) await follow(t, fan, shop)
    // The fan's review of the first shop, answered by its owner: the fourth arm.
    const { orderId } = await completedOrder(t, shops[0] as Shop, fan)
    const review = await postReview(t, fan.token, orderId, { rating: 5, text: 'Lovely' })
    expect(review.status).toBe(201)
    const made: string[] = []
    const makers = [
      (s: Shop, n: number) => post(t, s, `news ${n}`),
      (s: Shop, n: number) => coupon(t, s, `coupon ${n}`),
      (s: Shop, n: number) => deal(t, s, `deal ${n}`),
    ]
    for (let n = 0; n < 9; n++) {
      made.push(await (makers[n % 3] as (s: Shop, n: number) => Promise<string>)(shops[(n * 2) % 3] as Shop, n))
      if (n === 4) {
        expect((await t.call('PUT', `/v1/reviews/${review.body.id}/reply`, { token: shops[0]?.owner.token, body: { text: 'Thank you!' } })).status).toBe(200)
        made.push(review.body.id)
      }
    }
    await coupon(t, stranger, 'not for this fan')
    await deal(t, stranger, 'not for this fan either')

    const firstPage = await feed(t, fan)
    expect(firstPage.map((i) => i.id)).toEqual([...made].reverse())
    expect(new Set(firstPage.map((i) => i.type))).toEqual(new Set(['post', 'coupon', 'deal', 'review_reply']))

    let n = 100
    const seen = await readAll(t, fan, 2, async () => {
      const k = n++
      await (makers[k % 3] as (s: Shop, n: number) => Promise<string>)(shops[k % 3] as Shop, k)
    })
    expect(seen).toEqual([...made].reverse())
    expect(await feed(t, fan)).toHaveLength(made.length + (n - 100))
  })

  it("removes an unfollowed storefront's posts, coupons and deals, keeping replies to your reviews", async () => {
    const fan = await makeUser(t.deps)
    const kept = await makeShop(t)
    const dropped = await makeShop(t)
    await follow(t, fan, kept)
    await follow(t, fan, dropped)
    const { orderId } = await completedOrder(t, dropped, fan)
    const review = await postReview(t, fan.token, orderId, { rating: 4, text: 'Good' })
    expect((await t.call('PUT', `/v1/reviews/${review.body.id}/reply`, { token: dropped.owner.token, body: { text: 'Thanks' } })).status).toBe(200)
    await post(t, dropped, 'gone soon')
    await coupon(t, dropped, 'gone soon')
    await deal(t, dropped, 'gone soon')
    const keptIds = [await coupon(t, kept, 'stays'), await deal(t, kept, 'stays')]
    expect(await feed(t, fan)).toHaveLength(6)
    expect((await t.call('DELETE', `/v1/merchants/${dropped.merchant.id}/follow`, { token: fan.token })).status).toBe(200)
    const after = await feed(t, fan)
    expect(after.map((i) => i.id)).toEqual([...keptIds.reverse(), review.body.id])
    expect(after.filter((i) => i.type !== 'review_reply').every((i) => i.merchant.id === kept.merchant.id)).toBe(true)
  })

  it("pages correctly when one storefront's items fill several pages ahead of older ones elsewhere", async () => {
    const fan = await makeUser(t.deps)
    const quiet = await makeShop(t)
    const busy = await makeShop(t)
    await follow(t, fan, quiet)
    await follow(t, fan, busy)
    const older = [await post(t, quiet, 'old 1'), await coupon(t, quiet, 'old 2')]
    const newer: string[] = []
    for (let i = 0; i < 7; i++) newer.push(i % 2 ? await coupon(t, busy, `new ${i}`) : await post(t, busy, `new ${i}`))
    const seen = await readAll(t, fan, 3, async () => {})
    expect(seen).toEqual([...older, ...newer].reverse())
  })

  it('answers every page exactly as a plain merge of all followed storefronts, while heads move under it', async () => {
    const fan = await makeUser(t.deps)
    const shops = [await makeShop(t), await makeShop(t), await makeShop(t), await makeShop(t), await makeShop(t)]
    for (const shop of shops.slice(0, 4)) await follow(t, fan, shop)
    const posts: string[] = []
    for (let n = 0; n < 15; n++) {
      const shop = shops[n % 5] as Shop
      if (n % 3 === 0) posts.push(await post(t, shop, `news ${n}`))
      else if (n % 3 === 1) await coupon(t, shop, `coupon ${n}`)
      else await deal(t, shop, `deal ${n}`)
    }
    // Every followed store's items after `after`, no heads: what the merge must equal.
    const reference = async (after: FeedKey | undefined, limit: number) =>
      (
        await sql<{ key: string }>`
          SELECT i.kind || ':' || i.item_id AS key FROM store_feed_items i JOIN follows f ON f.merchant_id = i.merchant_id AND f.user_id = ${fan.id}
          ${after ? sql`WHERE (i.created_at, i.item_id) < (${after[0]}::timestamptz, ${after[1]}::uuid)` : sql``}
          ORDER BY i.created_at DESC, i.item_id DESC LIMIT ${limit}`.execute(t.db)
      ).rows.map((r) => r.key)
    for (const [round, limit] of [1, 2, 4, 50].entries()) {
      let after: FeedKey | undefined
      let seen = 0
      for (let page = 0; ; page++) {
        const rows = await feedKeys(t.db, fan.id, after, limit)
        const want = await reference(after, limit)
        expect(rows.map((r) => `${r.kind}:${r.id}`)).toEqual(want)
        if (rows.length === 0) break
        seen += rows.length
        const last = rows[rows.length - 1]
        after = last ? [last.created_key, last.id] : undefined
        // A new head on a store already shown (probed past the cursor) and on one not yet reached.
        if (page === 1) await post(t, shops[page % 4] as Shop, `arrived ${limit}`)
      }
      // The 12 followed items plus one that arrived (too new to be seen) in each earlier round.
      expect(seen).toBe(12 + round)
    }
  })

  it('keeps each storefront head the newest item as items come and go, also under concurrent posts and deletes', async () => {
    const shops = [await makeShop(t), await makeShop(t)]
    const ids = await Promise.all(Array.from({ length: 12 }, (_, n) => post(t, shops[n % 2] as Shop, `rush ${n}`)))
    await Promise.all([
      ...ids.slice(0, 6).map((id, n) => t.call('DELETE', `/v1/merchants/${shops[n % 2]?.merchant.id}/posts/${id}`, { token: shops[n % 2]?.owner.token })),
      ...Array.from({ length: 6 }, (_, n) => post(t, shops[n % 2] as Shop, `more ${n}`)),
    ])
    const heads = async () =>
      (
        await sql<{ merchant_id: string; item_id: string }>`
          SELECT merchant_id, item_id FROM store_feed_heads WHERE merchant_id IN (${shops[0]?.merchant.id}, ${shops[1]?.merchant.id}) ORDER BY merchant_id`.execute(t.db)
      ).rows
    const newest = async () =>
      (
        await sql<{ merchant_id: string; item_id: string }>`
          SELECT DISTINCT ON (merchant_id) merchant_id, item_id FROM store_feed_items WHERE merchant_id IN (${shops[0]?.merchant.id}, ${shops[1]?.merchant.id})
          ORDER BY merchant_id, created_at DESC, item_id DESC`.execute(t.db)
      ).rows
    expect(await heads()).toHaveLength(2)
    expect(await heads()).toEqual(await newest())
    // Deleting everything a store has shown removes its head; a new item brings one back.
    const shop = shops[0] as Shop
    const left = await sql<{ id: string }>`SELECT id FROM merchant_posts WHERE merchant_id = ${shop.merchant.id} AND deleted_at IS NULL`.execute(t.db)
    for (const { id } of left.rows) expect((await t.call('DELETE', `/v1/merchants/${shop.merchant.id}/posts/${id}`, { token: shop.owner.token })).status).toBe(204)
    expect(await heads()).toEqual(await newest())
    expect(await heads()).toHaveLength(1)
    await coupon(t, shop, 'back again')
    expect(await heads()).toEqual(await newest())
    expect(await heads()).toHaveLength(2)
  })

  it('leaves out every item of a storefront taken offline, replies to your reviews included, and still fills the page', async () => {
    const fan = await makeUser(t.deps)
    const open = await makeShop(t)
    const closing = await makeShop(t)
    const { orderId, consumer } = await completedOrder(t, closing)
    const review = await postReview(t, consumer.token, orderId, { rating: 5, text: 'Great' })
    expect(review.status).toBe(201)
    for (const shop of [open, closing]) {
      await follow(t, fan, shop)
      await follow(t, consumer, shop)
    }
    const openIds = [await post(t, open, 'open 1'), await coupon(t, open, 'open 2')]
    await post(t, closing, 'closing 1')
    await coupon(t, closing, 'closing 2')
    await deal(t, closing, 'closing 3')
    expect((await t.call('PUT', `/v1/reviews/${review.body.id}/reply`, { token: closing.owner.token, body: { text: 'Thanks!' } })).status).toBe(200)
    expect(await feed(t, consumer)).toHaveLength(6)
    // An edited post keeps its place and shows its new text.
    expect((await t.call('PATCH', `/v1/merchants/${open.merchant.id}/posts/${openIds[0]}`, { token: open.owner.token, body: { text: 'open 1, edited' } })).status).toBe(200)
    expect((await feed(t, fan)).find((i) => i.id === openIds[0])?.post).toMatchObject({ text: 'open 1, edited', edited_at: expect.any(String) })
    expect((await t.call('POST', `/v1/merchants/${closing.merchant.id}/unpublish`, { token: closing.owner.token })).status).toBe(200)
    expect((await feed(t, consumer)).map((i) => i.id)).toEqual([...openIds].reverse())
    // The closed store held the newest items: a page of 2 is still the open store's two.
    const page = await t.call('GET', '/v1/feed?limit=2', { token: fan.token })
    expect(page.body.data.map((i: Item) => i.id)).toEqual([...openIds].reverse())
    expect(page.body.next_cursor).toBeNull()
  })
})
