import { Miniflare } from 'miniflare'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { useTestApp } from '../../test/support/app'
import { makeUser, type TestUser } from '../../test/support/factories'
import { jpegWithGps, png, upload } from '../../test/support/images'
import { checkedImages } from './checked-images'
import { deleteAbandonedUploads } from './cleanup'
import { r2Storage, type R2BucketBinding } from './r2-storage'
import { newMediaKeys } from './storage'

// R2 as Workers see it: Miniflare's local R2 (the simulator `wrangler dev --local` runs), reached
// through its binding API. test/workers/run.sh covers the same path inside a real Worker.
let mf: Miniflare
let bucket: R2BucketBinding
beforeAll(async () => {
  mf = new Miniflare({ modules: true, script: 'export default { fetch: () => new Response(null) }', r2Buckets: ['MEDIA'], compatibilityDate: '2026-04-01' })
  bucket = (await mf.getR2Bucket('MEDIA')) as unknown as R2BucketBinding
})
afterAll(async () => {
  await mf?.dispose()
})
const t = useTestApp({}, { storage: () => r2Storage(bucket) })
let user: TestUser
beforeAll(async () => {
  user = await makeUser(t.deps, { role: 'merchant' })
  t.deps.images = checkedImages() // what src/worker.ts installs beside R2
})

describe('R2 storage through the Workers binding', () => {
  it('puts, gets and deletes by key, refusing anything that is not a media key', async () => {
    const storage = r2Storage(bucket)
    const { key } = newMediaKeys('image/png')
    await storage.put(key, new Uint8Array([1, 2, 3]), 'image/png')
    expect(await storage.get(key)).toEqual({ body: new Uint8Array([1, 2, 3]), contentType: 'image/png' })
    expect((await bucket.get(key))?.httpMetadata?.contentType).toBe('image/png')
    await expect(storage.put('../escape.jpg', new Uint8Array([1]), 'image/jpeg')).rejects.toThrow('not a media key')
    expect(await storage.get('../escape.jpg')).toBeUndefined()
    await storage.delete([key, newMediaKeys('image/jpeg').key])
    expect(await storage.get(key)).toBeUndefined()
  })

  it('uploads a photo the Workers way, attaches it to a storefront and serves it back from the bucket', async () => {
    const res = await upload(t, user.token, await jpegWithGps(400, 200))
    expect(res.status).toBe(201)
    // Not resized on Workers: the upright size of the original, and the image is its own thumbnail.
    expect(res.body).toEqual({ id: expect.any(String), url: expect.stringMatching(/^\/media\/[0-9a-f]{32}\.jpg$/), thumbnail_url: res.body.url, width: 200, height: 400 })
    const storefront = await t.call('POST', '/v1/merchants', {
      token: user.token,
      body: { name: 'R2 Bakery', category: 'coffee', location: { lat: 30.27, lng: 120.15 }, timezone: 'Asia/Shanghai', hours: [], photo_ids: [res.body.id] },
    })
    expect(storefront.status).toBe(201)
    expect(storefront.body.photos).toEqual([res.body])
    const media = await t.app.request(res.body.url)
    expect(media.status).toBe(200)
    expect(media.headers.get('content-type')).toBe('image/jpeg')
    expect(media.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    const bytes = Buffer.from(await media.arrayBuffer())
    expect(bytes.includes(Buffer.from('Home sweet home'))).toBe(false)
    expect((await sharp(bytes).metadata()).orientation).toBe(6)
    const row = await t.db.selectFrom('uploads').selectAll().where('id', '=', res.body.id).executeTakeFirstOrThrow()
    expect(row).toMatchObject({ content_type: 'image/jpeg', width: 200, height: 400, byte_size: bytes.length, storage_key: row.thumbnail_key })
  })

  it('keeps a PNG as PNG, refuses what it cannot check, and the cleanup deletes an abandoned upload from R2', async () => {
    const res = await upload(t, user.token, await png(120, 80, true), 'logo.png', 'image/png')
    expect(res.status).toBe(201)
    expect(res.body.url).toMatch(/\.png$/)
    expect((await t.app.request(res.body.url)).headers.get('content-type')).toBe('image/png')
    expect((await upload(t, user.token, Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), 'x.png', 'image/png')).status).toBe(415)
    const key = res.body.url.slice('/media/'.length)
    await t.db.updateTable('uploads').set({ created_at: new Date(Date.now() - 48 * 3600_000) } as never).where('id', '=', res.body.id).execute()
    expect(await deleteAbandonedUploads(t.deps)).toBe(1)
    expect(await bucket.get(key)).toBeNull()
    expect((await t.app.request(res.body.url)).status).toBe(404)
  })
})
