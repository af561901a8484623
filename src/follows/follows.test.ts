import { describe, expect, it } from 'vitest'
import { useTestApp } from '../../test/support/app'
import { makeUser } from '../../test/support/factories'
import { makeShop } from '../../test/support/orders'
import { makeUpload } from '../../test/support/reviews'
import { makeCoupon } from '../../test/support/coupons'
import { sql } from 'kysely'

describe('follow a storefront', () => {
  const t = useTestApp()

  it('is idempotent both ways and shows the exact count on the storefront', async () => {
    const shop = await makeShop(t)
    const fan = await makeUser(t.deps)
    const path = `/v1/merchants/${shop.merchant.id}/follow`
    for (let i = 0; i < 2; i++) {
      const res = await t.call('PUT', path, { token: fan.token })
      expect(res.status).toBe(200)
      expect(res.body).toEqual({ merchant_id: shop.merchant.id, following: true, follower_count: 1 })
    }
    expect((await t.call('GET', `/v1/merchants/${shop.merchant.id}`)).body.follower_count).toBe(1)
    expect((await t.call('GET', path, { token: fan.token })).body).toEqual({ merchant_id: shop.merchant.id, following: true, follower_count: 1 })
    for (let i = 0; i < 2; i++) {
      const res = await t.call('DELETE', path, { token: fan.token })
      expect(res.status).toBe(200)
      expect(res.body).toEqual({ merchant_id: shop.merchant.id, following: false, follower_count: 0 })
    }
  })

  it('keeps the count exact under 20 concurrent follows (and repeats) and 20 concurrent unfollows', async () => {
    const shop = await makeShop(t)
    const fans = await Promise.all(Array.from({ length: 20 }, () => makeUser(t.deps)))
    const path = `/v1/merchants/${shop.merchant.id}/follow`
    const followed = await Promise.all([...fans, ...fans.slice(0, 5)].map((f) => t.call('PUT', path, { token: f.token })))
    expect(followed.map((r) => r.status)).toEqual(Array(25).fill(200))
    const stored = await t.db.selectFrom('merchants').select('follower_count').where('id', '=', shop.merchant.id).executeTakeFirstOrThrow()
    expect(stored.follower_count).toBe(20)
    const days = await t.call('GET', `/v1/merchants/${shop.merchant.id}/followers/daily`, { token: shop.owner.token })
    expect(days.status).toBe(200)
    expect(days.body.follower_count).toBe(20)
    expect(days.body.days).toHaveLength(30)
    expect(days.body.days.at(-1)).toMatchObject({ followed: 20, unfollowed: 0, follower_count: 20 })
    await Promise.all(fans.slice(0, 10).map((f) => t.call('DELETE', path, { token: f.token })))
    const after = await t.call('GET', `/v1/merchants/${shop.merchant.id}/followers/daily`, { token: shop.owner.token, })
    expect(after.body.days.at(-1)).toMatchObject({ followed: 20, unfollowed: 10, follower_count: 10 })
    expect((await t.call('GET', `/v1/merchants/${shop.merchant.id}`)).body.follower_count).toBe(10)
  })

  it('refuses drafts of others (404), your own storefront (403), unknown ids (404), malformed ids (422) and anonymous callers (401)', async () => {
    const draft = await makeShop(t, { status: 'draft' })
    const shop = await makeShop(t)
    const fan = await makeUser(t.deps)
    expect((await t.call('PUT', `/v1/merchants/${draft.merchant.id}/follow`, { token: fan.token })).status).toBe(404)
    expect((await t.call('PUT', `/v1/merchants/${shop.merchant.id}/follow`, { token: shop.owner.token })).status).toBe(403)
    expect((await t.call('PUT', '/v1/merchants/not-a-uuid/follow', { token: fan.token })).status).toBe(422)
    expect((await t.call('PUT', `/v1/merchants/${shop.merchant.id}/follow`)).status).toBe(401)
  })

  it('lists followed storefronts newest first with a cursor', async () => {
    const fan = await makeUser(t.deps)
    const shops = []
    for (let i = 0; i < 5; i++) {
      const shop = await makeShop(t)
      shops.push(shop)
      expect((await t.call('PUT', `/v1/merchants/${shop.merchant.id}/follow`, { token: fan.token })).status).toBe(200)
    }
    const seen: string[] = []
    let cursor: string | null = null
    do {
      const res = await t.call('GET', `/v1/me/following?limit=2${cursor ? `&cursor=${cursor}` : ''}`, { token: fan.token })
      expect(res.status).toBe(200)
      seen.push(...res.body.data.map((d: { merchant: { id: string } }) => d.merchant.id))
      cursor = res.body.next_cursor
    } while (cursor)
    expect(seen).toEqual(shops.map((s) => s.merchant.id).reverse())
    const other = await makeUser(t.deps)
    const first = await t.call('GET', '/v1/me/following?limit=2', { token: fan.token })
    expect((await t.call('GET', `/v1/me/following?cursor=${first.body.next_cursor}`, { token: other.token })).status).toBe(400)
    expect((await t.call('GET', '/v1/me/following?limit=0', { token: fan.token })).status).toBe(422)
    expect((await t.call('GET', '/v1/me/following?extra=1', { token: fan.token })).status).toBe(422)
  })

  it('shows follower history only to the owner', async () => {
    const shop = await makeShop(t)
    const other = await makeUser(t.deps, { role: 'merchant' })
    expect((await t.call('GET', `/v1/merchants/${shop.merchant.id}/followers/daily`, { token: other.token })).status).toBe(403)
    expect((await t.call('GET', `/v1/merchants/${shop.merchant.id}/followers/daily?from=2026-02-01&to=2026-01-01`, { token: shop.owner.token })).status).toBe(422)
    const ranged = await t.call('GET', `/v1/merchants/${shop.merchant.id}/followers/daily?from=2026-01-01&to=2026-01-03`, { token: shop.owner.token })
    expect(ranged.status).toBe(200)
    expect(ranged.body.days.map((d: { day: string }) => d.day)).toEqual(['2026-01-01', '2026-01-02', '2026-01-03'])
  })
})

describe('store posts', () => {
  const t = useTestApp()

  it("carries only a coupon of its own storefront (422 naming coupon_id; the database refuses it too)", async () => {
    const shop = await makeShop(t)
    const other = await makeShop(t)
    const own = await makeCoupon(t, shop.owner.token, shop.merchant.id)
    const foreign = await makeCoupon(t, other.owner.token, other.merchant.id)
    const base = `/v1/merchants/${shop.merchant.id}/posts`
    const posted = await t.call('POST', base, { token: shop.owner.token, body: { text: '¥5 off today', coupon_id: own.id } })
    expect(posted.status).toBe(201)
    expect(posted.body.coupon_id).toBe(own.id)
    for (const res of [
      await t.call('POST', base, { token: shop.owner.token, body: { text: 'theirs', coupon_id: foreign.id } }),
      await t.call('POST', base, { token: shop.owner.token, body: { text: 'none', coupon_id: crypto.randomUUID() } }),
      await t.call('PATCH', `${base}/${posted.body.id}`, { token: shop.owner.token, body: { coupon_id: foreign.id } }),
    ]) {
      expect(res.status).toBe(422)
      expect(res.body.errors[0].path).toBe('coupon_id')
    }
    await expect(sql`UPDATE merchant_posts SET coupon_id = ${foreign.id} WHERE id = ${posted.body.id}`.execute(t.db)).rejects.toThrow(/merchant_posts_coupon_fk/)
  })

  it('refuses a paused or ended campaign (followers could not claim it), naming coupon_id', async () => {
    const shop = await makeShop(t)
    const base = `/v1/merchants/${shop.merchant.id}/posts`
    const paused = await makeCoupon(t, shop.owner.token, shop.merchant.id)
    const ended = await makeCoupon(t, shop.owner.token, shop.merchant.id)
    expect((await t.call('POST', `/v1/coupons/${paused.id}/pause`, { token: shop.owner.token })).status).toBe(200)
    expect((await t.call('POST', `/v1/coupons/${ended.id}/end`, { token: shop.owner.token })).status).toBe(200)
    const pausedPost = await t.call('POST', base, { token: shop.owner.token, body: { text: 'deal!', coupon_id: paused.id } })
    expect([pausedPost.status, pausedPost.body.errors[0]]).toEqual([422, { path: 'coupon_id', message: 'is paused; resume the campaign before posting it' }])
    const endedPost = await t.call('POST', base, { token: shop.owner.token, body: { text: 'deal!', coupon_id: ended.id } })
    expect([endedPost.status, endedPost.body.errors[0]]).toEqual([422, { path: 'coupon_id', message: 'has ended, so followers could not claim it' }])
    const plain = await t.call('POST', base, { token: shop.owner.token, body: { text: 'news' } })
    expect((await t.call('PATCH', `${base}/${plain.body.id}`, { token: shop.owner.token, body: { coupon_id: ended.id } })).status).toBe(422)
    expect((await t.call('POST', `/v1/coupons/${paused.id}/resume`, { token: shop.owner.token })).status).toBe(200)
    expect((await t.call('POST', base, { token: shop.owner.token, body: { text: 'back on', coupon_id: paused.id } })).status).toBe(201)
  })

  it('the owner posts, edits and deletes; anyone lists; others get 403', async () => {
    const shop = await makeShop(t)
    const photo = await makeUpload(t, shop.owner.id)
    const base = `/v1/merchants/${shop.merchant.id}/posts`
    const created = await t.call('POST', base, { token: shop.owner.token, body: { text: '  Fresh bread at 7!  ', photo_ids: [photo.id] } })
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({ text: 'Fresh bread at 7!', merchant: { id: shop.merchant.id }, coupon_id: null, edited_at: null })
    expect(created.body.photos.map((p: { id: string }) => p.id)).toEqual([photo.id])

    const stranger = await makeUser(t.deps, { role: 'merchant' })
    expect((await t.call('POST', base, { token: stranger.token, body: { text: 'hi' } })).status).toBe(403)
    expect((await t.call('PATCH', `${base}/${created.body.id}`, { token: stranger.token, body: { text: 'x' } })).status).toBe(403)
    expect((await t.call('DELETE', `${base}/${created.body.id}`, { token: stranger.token })).status).toBe(403)
    expect((await t.call('POST', base, { token: shop.owner.token, body: { text: 'x'.repeat(1001) } })).status).toBe(422)
    expect((await t.call('POST', base, { token: shop.owner.token, body: { text: '   ' } })).status).toBe(422)
    expect((await t.call('POST', base, { token: shop.owner.token, body: { text: 'ok', bogus: 1 } })).status).toBe(422)
    const foreignPhoto = await makeUpload(t, stranger.id)
    const bad = await t.call('POST', base, { token: shop.owner.token, body: { text: 'ok', photo_ids: [foreignPhoto.id] } })
    expect(bad.status).toBe(422)
    expect(bad.body.errors[0].path).toBe('photo_ids[0]')

    const edited = await t.call('PATCH', `${base}/${created.body.id}`, { token: shop.owner.token, body: { text: 'Fresh bread at 8!', photo_ids: [] } })
    expect(edited.status).toBe(200)
    expect(edited.body).toMatchObject({ text: 'Fresh bread at 8!', photos: [] })
    expect(edited.body.edited_at).not.toBeNull()

    const listed = await t.call('GET', base)
    expect(listed.status).toBe(200)
    expect(listed.body.data.map((p: { id: string }) => p.id)).toEqual([created.body.id])

    expect((await t.call('DELETE', `${base}/${created.body.id}`, { token: shop.owner.token })).status).toBe(204)
    expect((await t.call('DELETE', `${base}/${created.body.id}`, { token: shop.owner.token })).status).toBe(404)
    expect((await t.call('PATCH', `${base}/${created.body.id}`, { token: shop.owner.token, body: { text: 'x' } })).status).toBe(404)
    expect((await t.call('GET', base)).body.data).toEqual([])
  })
})
