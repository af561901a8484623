import { describe, expect, it } from 'vitest'
import { useTestApp } from '../../test/support/app'
import { couponBody, makeCoupon } from '../../test/support/coupons'
import { makeMerchant, makeUser } from '../../test/support/factories'
import { png, upload } from '../../test/support/images'

const t = useTestApp()

const storefront = { name: 'Key Café', category: 'coffee', location: { lat: 30.27, lng: 120.15 }, address: '1 Lake Rd', timezone: 'Asia/Shanghai', hours: [] }

describe('Idempotency-Key on creating POSTs', () => {
  it('replays the first answer (status and body) with Idempotent-Replayed, creating one storefront', async () => {
    const owner = await makeUser(t.deps, { role: 'merchant' })
    const headers = { 'Idempotency-Key': 'create-shop-1' }
    const first = await t.call('POST', '/v1/merchants', { token: owner.token, body: storefront, headers })
    expect(first.status).toBe(201)
    expect(first.headers.get('idempotent-replayed')).toBeNull()
    const again = await t.call('POST', '/v1/merchants', { token: owner.token, body: storefront, headers })
    expect(again.status).toBe(201)
    expect(again.headers.get('idempotent-replayed')).toBe('true')
    expect(again.body).toEqual(first.body)
    const mine = await t.call('GET', '/v1/merchants?owner=me', { token: owner.token })
    expect(mine.body.data).toHaveLength(1)
  })

  it('answers 409 for the same key with another body, and keys are per account', async () => {
    const owner = await makeUser(t.deps, { role: 'merchant' })
    const headers = { 'Idempotency-Key': 'create-shop-2' }
    expect((await t.call('POST', '/v1/merchants', { token: owner.token, body: storefront, headers })).status).toBe(201)
    const other = await t.call('POST', '/v1/merchants', { token: owner.token, body: { ...storefront, name: 'Other' }, headers })
    expect(other.status).toBe(409)
    expect(other.body.code).toBe('idempotency_key_reused')
    const someoneElse = await makeUser(t.deps, { role: 'merchant' })
    const theirs = await t.call('POST', '/v1/merchants', { token: someoneElse.token, body: storefront, headers })
    expect(theirs.status).toBe(201)
    expect(theirs.headers.get('idempotent-replayed')).toBeNull()
  })

  it('does not keep failed requests: a fixed retry under the same key goes through', async () => {
    const owner = await makeUser(t.deps, { role: 'merchant' })
    const headers = { 'Idempotency-Key': 'create-shop-3' }
    const bad = await t.call('POST', '/v1/merchants', { token: owner.token, body: { ...storefront, name: '' }, headers })
    expect(bad.status).toBe(422)
    const fixed = await t.call('POST', '/v1/merchants', { token: owner.token, body: storefront, headers })
    expect(fixed.status).toBe(201)
  })

  it('refuses a malformed key with 422 and creates twice without a key', async () => {
    const owner = await makeUser(t.deps, { role: 'merchant' })
    const bad = await t.call('POST', '/v1/merchants', { token: owner.token, body: storefront, headers: { 'Idempotency-Key': 'x'.repeat(256) } })
    expect(bad.status).toBe(422)
    expect((await t.call('POST', '/v1/merchants', { token: owner.token, body: storefront })).status).toBe(201)
    expect((await t.call('POST', '/v1/merchants', { token: owner.token, body: storefront })).status).toBe(201)
  })
})

describe('Idempotency-Key on the other creating POSTs', () => {
  /** Sends `send()` twice under one key: the second answer is the first, replayed; then another body is 409. */
  async function expectReplay(send: (headers: Record<string, string>) => Promise<{ status: number; headers: Headers; body: unknown }>, key: string, status: number) {
    const first = await send({ 'Idempotency-Key': key })
    expect(first.status).toBe(status)
    expect(first.headers.get('idempotent-replayed')).toBeNull()
    const again = await send({ 'Idempotency-Key': key })
    expect(again.status).toBe(status)
    expect(again.headers.get('idempotent-replayed')).toBe('true')
    expect(again.body).toEqual(first.body)
    return first
  }

  it('store posts and coupon campaigns: one row per key, 409 for the key with another body', async () => {
    const owner = await makeUser(t.deps, { role: 'merchant' })
    const shop = await makeMerchant(t.db, { owner_id: owner.id })
    const post = (headers: Record<string, string>, text = 'Fresh bread at 7') =>
      t.call('POST', `/v1/merchants/${shop.id}/posts`, { token: owner.token, body: { text }, headers })
    await expectReplay(post, 'post-1', 201)
    const reused = await post({ 'Idempotency-Key': 'post-1' }, 'Another text')
    expect(reused.status).toBe(409)
    expect(reused.body.code).toBe('idempotency_key_reused')
    expect((await t.call('GET', `/v1/merchants/${shop.id}/posts`)).body.data).toHaveLength(1)

    const body = couponBody()
    const coupon = (headers: Record<string, string>) => t.call('POST', `/v1/merchants/${shop.id}/coupons`, { token: owner.token, body, headers })
    await expectReplay(coupon, 'coupon-1', 201)
    expect((await t.call('GET', `/v1/merchants/${shop.id}/coupons`, { token: owner.token })).body.data).toHaveLength(1)
  })

  it('claiming a coupon replays the first claim', async () => {
    const owner = await makeUser(t.deps, { role: 'merchant' })
    const shop = await makeMerchant(t.db, { owner_id: owner.id })
    const coupon = await makeCoupon(t, owner.token, shop.id, { per_user_limit: 3 })
    const fan = await makeUser(t.deps, { role: 'consumer' })
    const claim = (headers: Record<string, string>) => t.call('POST', `/v1/coupons/${coupon.id}/claim`, { token: fan.token, headers })
    const first = await expectReplay(claim, 'claim-1', 201)
    expect(first.body).toMatchObject({ coupon: { id: coupon.id } })
    const wallet = await t.call('GET', '/v1/me/coupons', { token: fan.token })
    expect(wallet.body.data).toHaveLength(1)
  })

  it('an upload retried with a new multipart boundary is the same request: one stored photo', async () => {
    const user = await makeUser(t.deps, { role: 'consumer' })
    const bytes = await png(40, 30)
    const send = (headers: Record<string, string>) => upload(t, user.token, bytes, 'photo.png', 'image/png', headers)
    const first = await expectReplay(send, 'upload-1', 201)
    const rows = await t.db.selectFrom('uploads').select('id').where('owner_id', '=', user.id).execute()
    expect(rows.map((r) => r.id)).toEqual([(first.body as { id: string }).id])
    const other = await upload(t, user.token, await png(41, 30), 'photo.png', 'image/png', { 'Idempotency-Key': 'upload-1' })
    expect(other.status).toBe(409)
  })
})
