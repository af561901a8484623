import { describe, expect, it } from 'vitest'
import { useTestApp } from './support/app'
import { makeCoupon } from './support/coupons'
import { makeMerchant, makeOffering, makeUser } from './support/factories'

const t = useTestApp()

/** Every id of a list, page by page (`limit` a page), checking each page's shape on the way. */
async function walk(path: string, limit: number, token?: string): Promise<string[]> {
  const ids: string[] = []
  let cursor: string | null = null
  for (let pages = 0; pages < 20; pages++) {
    const sep = path.includes('?') ? '&' : '?'
    const res = await t.call('GET', `${path}${sep}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { token })
    expect(res.status).toBe(200)
    expect(Object.keys(res.body).sort()).toEqual(['data', 'next_cursor'])
    expect(res.body.data.length).toBeLessThanOrEqual(limit)
    ids.push(...res.body.data.map((r: { id: string }) => r.id))
    cursor = res.body.next_cursor
    if (cursor === null) return ids
  }
  throw new Error('more than 20 pages')
}

/** A tampered cursor, and a valid cursor of another list, are both 422 invalid_cursor naming `cursor`. */
async function expectCursorRejected(path: string, foreignCursor: string, token?: string) {
  const sep = path.includes('?') ? '&' : '?'
  for (const cursor of ['not-a-cursor', `${foreignCursor.slice(0, -2)}xx`, foreignCursor]) {
    const res = await t.call('GET', `${path}${sep}cursor=${encodeURIComponent(cursor)}`, { token })
    expect(res.status).toBe(422)
    expect(res.body.code).toBe('invalid_cursor')
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(['cursor'])
  }
}

describe('cursor paging on every list that can grow', () => {
  it('GET /v1/merchants?owner=me pages newest first, each storefront once', async () => {
    const owner = await makeUser(t.deps, { role: 'merchant' })
    const made = []
    for (let i = 0; i < 5; i++) made.push((await makeMerchant(t.db, { owner_id: owner.id, name: `Mine ${i}` })).id)
    await makeMerchant(t.db, {}) // someone else's
    const ids = await walk('/v1/merchants?owner=me', 2, owner.token)
    expect(ids).toEqual([...made].reverse())
    const first = await t.call('GET', '/v1/merchants?owner=me&limit=2', { token: owner.token })
    // Another owner cannot continue this owner's list with its cursor.
    const other = await makeUser(t.deps, { role: 'merchant' })
    await expectCursorRejected('/v1/merchants?owner=me', first.body.next_cursor, other.token)
    expect((await t.call('GET', '/v1/merchants?owner=me&limit=0', { token: owner.token })).status).toBe(422)
    expect((await t.call('GET', '/v1/merchants?owner=me&limit=101', { token: owner.token })).status).toBe(422)
  })

  it("GET /v1/merchants/{id}/offerings pages oldest first; the public and the owner's list have their own cursors", async () => {
    const owner = await makeUser(t.deps, { role: 'merchant' })
    const shop = await makeMerchant(t.db, { owner_id: owner.id })
    const made = []
    for (let i = 0; i < 5; i++) made.push((await makeOffering(t.db, shop.id, { name: `Item ${i}`, active: i !== 2 })).id)
    expect(await walk(`/v1/merchants/${shop.id}/offerings`, 2, owner.token)).toEqual(made)
    expect(await walk(`/v1/merchants/${shop.id}/offerings`, 2)).toEqual(made.filter((_, i) => i !== 2))
    const ownerPage = await t.call('GET', `/v1/merchants/${shop.id}/offerings?limit=1`, { token: owner.token })
    await expectCursorRejected(`/v1/merchants/${shop.id}/offerings`, ownerPage.body.next_cursor)
    const otherShop = await makeMerchant(t.db, { owner_id: owner.id })
    await expectCursorRejected(`/v1/merchants/${otherShop.id}/offerings`, ownerPage.body.next_cursor, owner.token)
  })

  it('GET /v1/merchants/{id}/coupons pages newest first', async () => {
    const owner = await makeUser(t.deps, { role: 'merchant' })
    const shop = await makeMerchant(t.db, { owner_id: owner.id })
    const made = []
    for (let i = 0; i < 4; i++) made.push((await makeCoupon(t, owner.token, shop.id, { title: `Deal ${i}` })).id)
    expect(await walk(`/v1/merchants/${shop.id}/coupons`, 3, owner.token)).toEqual([...made].reverse())
    expect(await walk(`/v1/merchants/${shop.id}/coupons`, 1)).toEqual([...made].reverse())
    const page = await t.call('GET', `/v1/merchants/${shop.id}/coupons?limit=1`)
    await expectCursorRejected(`/v1/merchants/${shop.id}/coupons`, page.body.next_cursor, owner.token)
  })

  it('GET /v1/search/serving pages nearest first; a cursor only continues the same point', async () => {
    const made = []
    for (let i = 0; i < 5; i++) made.push((await makeMerchant(t.db, { lat: -33.86 + i * 0.001, lng: 151.21, service_radius_m: 5000 })).id)
    expect(await walk('/v1/search/serving?lat=-33.86&lng=151.21', 2)).toEqual(made)
    const page = await t.call('GET', '/v1/search/serving?lat=-33.86&lng=151.21&limit=2')
    await expectCursorRejected('/v1/search/serving?lat=-33.861&lng=151.21', page.body.next_cursor)
  })
})
