import { beforeAll, describe, expect, it } from 'vitest'
import { useTestApp } from '../../test/support/app'
import { makeMerchant, makeUser, type TestUser } from '../../test/support/factories'
import { uploadPhoto } from '../../test/support/images'

const t = useTestApp()
const AT = { lat: 31.2304, lng: 121.4737 }
let owner: TestUser
let rival: TestUser
beforeAll(async () => {
  owner = await makeUser(t.deps, { role: 'merchant' })
  rival = await makeUser(t.deps, { role: 'merchant' })
})

function body(overrides: Record<string, unknown> = {}) {
  return { name: 'Photo Cafe', category: 'coffee', location: AT, timezone: 'Asia/Shanghai', hours: [], ...overrides }
}

async function photo(id: string) {
  const row = await t.db.selectFrom('uploads').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
  return { id, url: `/media/${row.storage_key}`, thumbnail_url: `/media/${row.thumbnail_key}`, width: row.width, height: row.height }
}

describe('storefront photos', () => {
  it('keeps photo_ids in order on create and PATCH, the first as cover_url, and marks them attached', async () => {
    const [a, b, c] = [await uploadPhoto(t, owner.token), await uploadPhoto(t, owner.token), await uploadPhoto(t, owner.token)]
    const created = await t.call('POST', '/v1/merchants', { token: owner.token, body: body({ photo_ids: [b, a] }) })
    expect(created.status).toBe(201)
    expect(created.body.photos).toEqual([await photo(b), await photo(a)])
    expect(created.body.cover_url).toBe((await photo(b)).url)
    const attached = await t.db.selectFrom('uploads').select(['id', 'attached_at']).where('id', 'in', [a, b, c]).execute()
    expect(Object.fromEntries(attached.map((r) => [r.id, r.attached_at !== null]))).toEqual({ [a]: true, [b]: true, [c]: false })

    const id = created.body.id
    const replaced = await t.call('PATCH', `/v1/merchants/${id}`, { token: owner.token, body: { photo_ids: [c, b] } })
    expect(replaced.status).toBe(200)
    expect(replaced.body.photos.map((p: { id: string }) => p.id)).toEqual([c, b])
    expect(replaced.body.cover_url).toBe((await photo(c)).url)
    const renamed = await t.call('PATCH', `/v1/merchants/${id}`, { token: owner.token, body: { name: 'Renamed' } })
    expect(renamed.body.photos.map((p: { id: string }) => p.id)).toEqual([c, b])
    expect((await t.call('GET', `/v1/merchants/${id}`, { token: owner.token })).body.photos).toEqual(replaced.body.photos)

    const cleared = await t.call('PATCH', `/v1/merchants/${id}`, { token: owner.token, body: { photo_ids: [] } })
    expect([cleared.body.photos, cleared.body.cover_url]).toEqual([[], null])
    const row = await t.db.selectFrom('merchants').select('cover_key').where('id', '=', id).executeTakeFirstOrThrow()
    expect(row.cover_key).toBeNull()
  })

  it("refuses someone else's upload, unknown ids, repeats and more than 9 photos with 422 naming the field", async () => {
    const mine = await uploadPhoto(t, owner.token)
    const theirs = await uploadPhoto(t, rival.token)
    const before = await t.db.selectFrom('merchants').select('id').where('owner_id', '=', owner.id).execute()

    const foreign = await t.call('POST', '/v1/merchants', { token: owner.token, body: body({ photo_ids: [mine, theirs, 'not-an-id'] }) })
    expect(foreign.status).toBe(422)
    expect(foreign.body.errors.map((e: { path: string }) => e.path)).toEqual(['photo_ids[1]', 'photo_ids[2]'])
    // The failed create left nothing behind: no storefront, and the owner's photo is still unattached.
    expect(await t.db.selectFrom('merchants').select('id').where('owner_id', '=', owner.id).execute()).toEqual(before)
    const still = await t.db.selectFrom('uploads').select('attached_at').where('id', '=', mine).executeTakeFirstOrThrow()
    expect(still.attached_at).toBeNull()

    const shop = (await t.call('POST', '/v1/merchants', { token: owner.token, body: body({ photo_ids: [mine] }) })).body
    const patch = await t.call('PATCH', `/v1/merchants/${shop.id}`, { token: owner.token, body: { photo_ids: [theirs] } })
    expect(patch.status).toBe(422)
    expect(patch.body.errors).toEqual([{ path: 'photo_ids[0]', message: 'is not a photo you uploaded' }])
    expect((await t.call('GET', `/v1/merchants/${shop.id}`, { token: owner.token })).body.photos.map((p: { id: string }) => p.id)).toEqual([mine])

    const twice = await t.call('PATCH', `/v1/merchants/${shop.id}`, { token: owner.token, body: { photo_ids: [mine, mine] } })
    expect(twice.status).toBe(422)
    expect(twice.body.errors.map((e: { path: string }) => e.path)).toEqual(['photo_ids'])
    const ten = await t.call('PATCH', `/v1/merchants/${shop.id}`, { token: owner.token, body: { photo_ids: Array.from({ length: 10 }, () => mine) } })
    expect(ten.status).toBe(422)
    expect(ten.body.errors).toEqual([{ path: 'photo_ids', message: 'at most 9 photos' }])
  })

  it('shows cover_url in nearby listings, map points and serving results', async () => {
    const lat = 12.5
    const lng = 12.5
    const plain = await makeMerchant(t.db, { lat, lng, name: 'No photo', service_radius_m: 5000 })
    const pictured = await makeMerchant(t.db, { owner_id: owner.id, lat: lat + 0.001, lng, name: 'Pictured', service_radius_m: 5000 })
    const cover = await uploadPhoto(t, owner.token)
    expect((await t.call('PATCH', `/v1/merchants/${pictured.id}`, { token: owner.token, body: { photo_ids: [cover] } })).status).toBe(200)
    const coverUrl = (await photo(cover)).url
    const expected = { [plain.id]: null, [pictured.id]: coverUrl }

    const nearby = await t.call('GET', `/v1/search/nearby?lat=${lat}&lng=${lng}&radius_m=1000`)
    expect(nearby.status).toBe(200)
    expect(Object.fromEntries(nearby.body.data.map((l: { id: string; cover_url: string | null }) => [l.id, l.cover_url]))).toEqual(expected)
    for (const sort of ['rating', 'relevance']) {
      const sorted = await t.call('GET', `/v1/search/nearby?lat=${lat}&lng=${lng}&radius_m=1000&sort=${sort}`)
      expect(sorted.body.data.find((l: { id: string }) => l.id === pictured.id).cover_url).toBe(coverUrl)
    }

    const map = await t.call('GET', `/v1/search/map?bbox=${lng - 0.01},${lat - 0.01},${lng + 0.01},${lat + 0.01}&zoom=16`)
    expect(map.status).toBe(200)
    expect(Object.fromEntries(map.body.features.map((f: { properties: { id: string; cover_url: string | null } }) => [f.properties.id, f.properties.cover_url]))).toEqual(expected)

    const serving = await t.call('GET', `/v1/search/serving?lat=${lat}&lng=${lng}`)
    expect(Object.fromEntries(serving.body.data.map((l: { id: string; cover_url: string | null }) => [l.id, l.cover_url]))).toEqual(expected)
  })
})
