import { describe, expect, it } from 'vitest'
import { useTestApp } from '../../test/support/app'
import { makeUser } from '../../test/support/factories'
import { makeShop, placeOrder } from '../../test/support/orders'
import { completedOrder, makeReview, makeUpload, postReview, storedRatings } from '../../test/support/reviews'

const t = useTestApp()

describe('POST /v1/orders/:id/review', () => {
  it('lets the consumer review a completed order once, showing the verified visit', async () => {
    const shop = await makeShop(t)
    const { orderId, consumer } = await completedOrder(t, shop)
    const before = await t.call('GET', `/v1/orders/${orderId}`, { token: consumer.token })
    expect(before.body).toMatchObject({ status: 'completed', can_review: true, review_id: null })

    const res = await postReview(t, consumer.token, orderId, { rating: 4, text: 'Good <b>coffee</b>' })
    expect(res.status).toBe(201)
    expect(res.body).toEqual({
      id: expect.any(String),
      merchant_id: shop.merchant.id,
      rating: 4,
      text: 'Good <b>coffee</b>',
      photos: [],
      author: { display_name: expect.any(String) },
      visit: { visited_at: expect.any(String), items: [{ name: shop.product.name, quantity: 2 }] },
      created_at: expect.any(String),
      edited_at: null,
      helpful_count: 0,
      viewer_found_helpful: false,
      reply: null,
      share_url: `/s/${shop.merchant.id}/reviews/${res.body.id}`,
    })
    expect(JSON.stringify(res.body)).not.toContain(consumer.email)

    const after = await t.call('GET', `/v1/orders/${orderId}`, { token: consumer.token })
    expect(after.body).toMatchObject({ can_review: false, review_id: res.body.id })
    const asOwner = await t.call('GET', `/v1/orders/${orderId}`, { token: shop.owner.token })
    expect(asOwner.body).toMatchObject({ can_review: false, review_id: res.body.id })

    const again = await postReview(t, consumer.token, orderId, { rating: 5 })
    expect(again.status).toBe(409)
    expect(again.body.code).toBe('already_reviewed')
  })

  it('refuses orders that are not completed with 409 saying why', async () => {
    const shop = await makeShop(t)
    const consumer = await makeUser(t.deps)
    const placed = await placeOrder(t, consumer.token, { merchant_id: shop.merchant.id, items: [{ offering_id: shop.product.id, quantity: 1 }], payment_method: 'cash' })
    expect((await t.call('GET', `/v1/orders/${placed.body.id}`, { token: consumer.token })).body.can_review).toBe(false)
    const res = await postReview(t, consumer.token, placed.body.id, { rating: 5 })
    expect(res.status).toBe(409)
    expect(res.body.code).toBe('order_not_completed')
    expect(res.body.detail).toContain('confirmed')
  })

  it("answers someone else's order with 404 and the storefront's owner with 403", async () => {
    const shop = await makeShop(t)
    const { orderId } = await completedOrder(t, shop)
    const stranger = await makeUser(t.deps)
    expect((await postReview(t, stranger.token, orderId, { rating: 1 })).status).toBe(404)
    const own = await postReview(t, shop.owner.token, orderId, { rating: 5 })
    expect(own.status).toBe(403)
    expect(own.body.code).toBe('own_storefront')
    expect((await postReview(t, stranger.token, '00000000-0000-4000-8000-000000000000', { rating: 1 })).status).toBe(404)
    expect((await postReview(t, stranger.token, 'nope', { rating: 1 })).status).toBe(422)
    expect((await t.call('POST', `/v1/orders/${orderId}/review`, { body: { rating: 1 } })).status).toBe(401)
  })

  it('validates the body with 422 naming each field', async () => {
    const shop = await makeShop(t)
    const { orderId, consumer } = await completedOrder(t, shop)
    const cases: Array<[unknown, string[]]> = [
      [{ rating: 0 }, ['rating']],
      [{ rating: 4.5 }, ['rating']],
      [{ rating: 5, text: 'x'.repeat(2001) }, ['text']],
      [{ rating: 5, text: 'nul\u0000byte' }, ['text']],
      [{ rating: 5, stars: 5 }, ['stars']],
      [{ rating: 5, photo_ids: Array.from({ length: 10 }, () => crypto.randomUUID()) }, ['photo_ids']],
    ]
    for (const [body, paths] of cases) {
      const res = await postReview(t, consumer.token, orderId, body)
      expect(res.status, JSON.stringify(body)).toBe(422)
      expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(paths)
    }
  })

  it("attaches the author's own photos in order and refuses others' with 422", async () => {
    const shop = await makeShop(t)
    const { orderId, consumer } = await completedOrder(t, shop)
    const mine = [await makeUpload(t, consumer.id), await makeUpload(t, consumer.id)]
    const theirs = await makeUpload(t, shop.owner.id)
    const bad = await postReview(t, consumer.token, orderId, { rating: 5, photo_ids: [mine[0]!.id, theirs.id] })
    expect(bad.status).toBe(422)
    expect(bad.body.errors).toEqual([{ path: 'photo_ids[1]', message: expect.any(String) }])
    expect(await t.db.selectFrom('reviews').select('id').where('order_id', '=', orderId).execute()).toEqual([])

    const res = await postReview(t, consumer.token, orderId, { rating: 5, photo_ids: [mine[1]!.id, mine[0]!.id] })
    expect(res.status).toBe(201)
    expect(res.body.photos.map((p: { id: string }) => p.id)).toEqual([mine[1]!.id, mine[0]!.id])
    expect(res.body.photos[0]).toEqual({ id: mine[1]!.id, url: `/media/${mine[1]!.storage_key}`, thumbnail_url: `/media/${mine[1]!.thumbnail_key}`, width: 800, height: 600 })
    const attached = await t.db.selectFrom('uploads').select('attached_at').where('id', '=', mine[0]!.id).executeTakeFirstOrThrow()
    expect(attached.attached_at).not.toBeNull()

    const other = await completedOrder(t, shop, consumer)
    const reused = await postReview(t, consumer.token, other.orderId, { rating: 3, photo_ids: [mine[0]!.id] })
    expect(reused.status).toBe(422)
    expect(reused.body.errors).toEqual([{ path: 'photo_ids[0]', message: 'is already shown in another review' }])
  })
})

describe('ratings derived from reviews', () => {
  it('stay exact through create, edit, delete, hide and restore, and search sees them at once', async () => {
    const shop = await makeShop(t)
    const minRating = async (min: number) => {
      const res = await t.call('GET', `/v1/search/nearby?lat=${shop.merchant.lat}&lng=${shop.merchant.lng}&radius_m=100&min_rating=${min}`)
      return res.body.data.some((l: { id: string }) => l.id === shop.merchant.id)
    }
    expect(await storedRatings(t, shop.merchant.id)).toEqual({ rating_avg: null, review_count: 0, counts: [0, 0, 0, 0, 0] })
    const a = await makeReview(t, shop, 5)
    const b = await makeReview(t, shop, 4)
    const c = await makeReview(t, shop, 2)
    expect(await storedRatings(t, shop.merchant.id)).toEqual({ rating_avg: 3.67, review_count: 3, counts: [0, 1, 0, 1, 1] })
    expect(await minRating(3.6)).toBe(true)
    expect(await minRating(3.7)).toBe(false)

    const edited = await t.call('PATCH', `/v1/reviews/${c.review.id}`, { token: c.consumer.token, body: { rating: 5 } })
    expect(edited.status).toBe(200)
    expect(edited.body.edited_at).not.toBeNull()
    expect(await storedRatings(t, shop.merchant.id)).toEqual({ rating_avg: 4.67, review_count: 3, counts: [0, 0, 0, 1, 2] })
    expect(await minRating(4.6)).toBe(true)

    expect((await t.call('DELETE', `/v1/reviews/${b.review.id}`, { token: b.consumer.token })).status).toBe(204)
    expect(await storedRatings(t, shop.merchant.id)).toEqual({ rating_avg: 5, review_count: 2, counts: [0, 0, 0, 0, 2] })

    for (let i = 0; i < 3; i++) {
      const reporter = await makeUser(t.deps)
      expect((await t.call('POST', `/v1/reviews/${a.review.id}/reports`, { token: reporter.token, body: { reason: 'spam' } })).status).toBe(201)
    }
    expect(await storedRatings(t, shop.merchant.id)).toEqual({ rating_avg: 5, review_count: 1, counts: [0, 0, 0, 0, 1] })
    const restored = await t.call('POST', `/v1/reviews/${a.review.id}/restore`, { token: shop.owner.token })
    expect(restored.status).toBe(200)
    expect(await storedRatings(t, shop.merchant.id)).toEqual({ rating_avg: 5, review_count: 2, counts: [0, 0, 0, 0, 2] })

    const store = await t.call('GET', `/v1/merchants/${shop.merchant.id}`)
    expect(store.body).toMatchObject({ rating_avg: 5, review_count: 2, rating_counts: { '1': 0, '2': 0, '3': 0, '4': 0, '5': 2 }, share_url: `/s/${shop.merchant.id}` })
  })

  it('count 20 concurrent reviews of one storefront exactly', async () => {
    const shop = await makeShop(t)
    // Redeemed one after another, as at one counter (each redemption briefly takes a turn of the
    // shop's wrong-code allowance); the reviews then arrive at once.
    const orders = []
    for (let i = 0; i < 20; i++) orders.push(await completedOrder(t, shop))
    const ratings = orders.map((_, i) => (i % 5) + 1)
    const results = await Promise.all(orders.map((o, i) => postReview(t, o.consumer.token, o.orderId, { rating: ratings[i] })))
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(201))
    expect(await storedRatings(t, shop.merchant.id)).toEqual({ rating_avg: 3, review_count: 20, counts: [4, 4, 4, 4, 4] })
    // A double submit of the same order: exactly one wins.
    const extra = await completedOrder(t, shop)
    const twice = await Promise.all([1, 2].map(() => postReview(t, extra.consumer.token, extra.orderId, { rating: 5 })))
    expect(twice.map((r) => r.status).sort()).toEqual([201, 409])
    expect((await storedRatings(t, shop.merchant.id)).review_count).toBe(21)
  })
})

describe('editing and deleting', () => {
  it('lets only the author edit, within 30 days, and delete', async () => {
    const shop = await makeShop(t)
    const { review, consumer } = await makeReview(t, shop, 3)
    const stranger = await makeUser(t.deps)
    expect((await t.call('PATCH', `/v1/reviews/${review.id}`, { token: stranger.token, body: { text: 'hacked' } })).status).toBe(403)
    expect((await t.call('PATCH', `/v1/reviews/${review.id}`, { token: shop.owner.token, body: { text: 'hacked' } })).status).toBe(403)
    expect((await t.call('DELETE', `/v1/reviews/${review.id}`, { token: stranger.token })).status).toBe(403)
    expect((await t.call('PATCH', `/v1/reviews/${review.id}`, { token: consumer.token, body: {} })).status).toBe(422)
    expect((await t.call('PATCH', '/v1/reviews/not-a-uuid', { token: consumer.token, body: { text: 'x' } })).status).toBe(422)

    const ok = await t.call('PATCH', `/v1/reviews/${review.id}`, { token: consumer.token, body: { text: 'Changed my mind' } })
    expect(ok.status).toBe(200)
    expect(ok.body).toMatchObject({ text: 'Changed my mind', rating: 3 })

    t.setNow(new Date(Date.now() + 31 * 24 * 3600 * 1000))
    try {
      const late = await t.call('PATCH', `/v1/reviews/${review.id}`, { token: consumer.token, body: { rating: 5 } })
      expect(late.status).toBe(409)
      expect(late.body.code).toBe('edit_window_closed')
    } finally {
      t.setNow(undefined)
    }
    expect((await t.call('DELETE', `/v1/reviews/${review.id}`, { token: consumer.token })).status).toBe(204)
    expect((await t.call('DELETE', `/v1/reviews/${review.id}`, { token: consumer.token })).status).toBe(404)
  })
})
