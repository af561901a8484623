import { describe, expect, it } from 'vitest'
import type { TestContext } from '../../test/support/app'
import { useTestApp } from '../../test/support/app'
import { makeUser, type TestUser } from '../../test/support/factories'
import { makeShop } from '../../test/support/orders'
import { completedOrder, makeUpload, postReview, type Shop } from '../../test/support/reviews'

async function post(t: TestContext, shop: Shop, text: string): Promise<string> {
  const res = await t.call('POST', `/v1/merchants/${shop.merchant.id}/posts`, { token: shop.owner.token, body: { text } })
  if (res.status !== 201) throw new Error(`posting failed: ${res.status} ${res.text}`)
  return res.body.id
}

async function readAll(t: TestContext, fan: TestUser, limit: number, between?: () => Promise<void>): Promise<string[]> {
  const seen: string[] = []
  let cursor: string | null = null
  do {
    const res = await t.call('GET', `/v1/feed?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`, { token: fan.token })
    expect(res.status).toBe(200)
    seen.push(...res.body.data.map((i: { id: string }) => i.id))
    cursor = res.body.next_cursor
    await between?.()
  } while (cursor)
  return seen
}

describe('the feed', () => {
  const t = useTestApp()

  it('pages newest first with no repeats or skips while new posts arrive, and unfollowing removes a store', async () => {
    const fan = await makeUser(t.deps)
    const shops = [await makeShop(t), await makeShop(t), await makeShop(t)]
    const notFollowed = await makeShop(t)
    for (const shop of shops) expect((await t.call('PUT', `/v1/merchants/${shop.merchant.id}/follow`, { token: fan.token })).status).toBe(200)
    const posted: string[] = []
    for (let i = 0; i < 9; i++) posted.push(await post(t, shops[i % 3] as Shop, `news ${i}`))
    await post(t, notFollowed, 'not for this fan')

    let n = 0
    const seen = await readAll(t, fan, 2, async () => {
      await post(t, shops[n++ % 3] as Shop, `arrived while paging ${n}`)
    })
    expect(seen).toEqual([...posted].reverse())

    const first = await t.call('GET', '/v1/feed?limit=50', { token: fan.token })
    expect(first.body.data).toHaveLength(9 + n)
    expect(first.body.data[0]).toMatchObject({ type: 'post', review_reply: null, post: { merchant: { id: expect.any(String) } } })

    expect((await t.call('DELETE', `/v1/merchants/${shops[0]?.merchant.id}/follow`, { token: fan.token })).status).toBe(200)
    const after = await t.call('GET', '/v1/feed?limit=50', { token: fan.token })
    expect(after.body.data.some((i: { post: { merchant: { id: string } } }) => i.post.merchant.id === shops[0]?.merchant.id)).toBe(false)
    expect(after.body.data).toHaveLength(first.body.data.length - Math.ceil((9 + n) / 3))
  })

  it("shows the owner's replies to your reviews and leaves deleted posts out", async () => {
    const shop = await makeShop(t)
    const { orderId, consumer } = await completedOrder(t, shop)
    const review = await postReview(t, consumer.token, orderId, { rating: 4, text: 'Nice' })
    expect(review.status).toBe(201)
    expect((await t.call('PUT', `/v1/merchants/${shop.merchant.id}/follow`, { token: consumer.token })).status).toBe(200)
    const postId = await post(t, shop, 'Thanks for visiting')
    expect((await t.call('PUT', `/v1/reviews/${review.body.id}/reply`, { token: shop.owner.token, body: { text: 'Thank you!' } })).status).toBe(200)
    const feed = await t.call('GET', '/v1/feed', { token: consumer.token })
    expect(feed.status).toBe(200)
    expect(feed.body.data.map((i: { type: string }) => i.type)).toEqual(['review_reply', 'post'])
    expect(feed.body.data[0].review_reply).toMatchObject({ review_id: review.body.id, text: 'Thank you!', rating: 4, merchant: { id: shop.merchant.id } })
    expect((await t.call('DELETE', `/v1/merchants/${shop.merchant.id}/posts/${postId}`, { token: shop.owner.token })).status).toBe(204)
    expect((await t.call('GET', '/v1/feed', { token: consumer.token })).body.data.map((i: { type: string }) => i.type)).toEqual(['review_reply'])
  })

  it('shows a post as the storefront lists it, photos in their order, with the text as edited', async () => {
    const shop = await makeShop(t)
    const fan = await makeUser(t.deps)
    expect((await t.call('PUT', `/v1/merchants/${shop.merchant.id}/follow`, { token: fan.token })).status).toBe(200)
    const photos = [await makeUpload(t, shop.owner.id), await makeUpload(t, shop.owner.id)]
    const base = `/v1/merchants/${shop.merchant.id}/posts`
    const created = await t.call('POST', base, { token: shop.owner.token, body: { text: 'Two new cakes', photo_ids: [photos[1]?.id, photos[0]?.id] } })
    expect(created.status).toBe(201)
    expect((await t.call('PATCH', `${base}/${created.body.id}`, { token: shop.owner.token, body: { text: 'Two new cakes, today only' } })).status).toBe(200)
    const listed = await t.call('GET', base)
    const feed = await t.call('GET', '/v1/feed', { token: fan.token })
    expect(feed.body.data).toHaveLength(1)
    expect(feed.body.data[0].post).toEqual(listed.body.data[0])
    expect(feed.body.data[0].post.photos.map((p: { id: string }) => p.id)).toEqual([photos[1]?.id, photos[0]?.id])
    expect(feed.body.data[0].post).toMatchObject({ text: 'Two new cakes, today only', edited_at: expect.any(String) })
  })

  it("refuses another user's cursor (400), bad limits (422) and anonymous callers (401)", async () => {
    const shop = await makeShop(t)
    const fan = await makeUser(t.deps)
    const other = await makeUser(t.deps)
    await t.call('PUT', `/v1/merchants/${shop.merchant.id}/follow`, { token: fan.token })
    await post(t, shop, 'one')
    await post(t, shop, 'two')
    const page = await t.call('GET', '/v1/feed?limit=1', { token: fan.token })
    expect(page.body.next_cursor).toEqual(expect.any(String))
    expect((await t.call('GET', `/v1/feed?cursor=${page.body.next_cursor}`, { token: other.token })).status).toBe(400)
    expect((await t.call('GET', '/v1/feed?limit=51', { token: fan.token })).status).toBe(422)
    expect((await t.call('GET', '/v1/feed')).status).toBe(401)
  })
})
