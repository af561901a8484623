import sharp from 'sharp'
import { beforeAll, describe, expect, it } from 'vitest'
import { useTestApp } from '../../test/support/app'
import { makeUser, type TestUser } from '../../test/support/factories'
import { useFakeS3 } from '../../test/support/fake-s3'
import { jpegWithGps, upload } from '../../test/support/images'
import { s3Storage } from './s3-storage'
import { newMediaKeys } from './storage'

// Bucket storage is tested against an in-process fake S3 endpoint through the real AWS SDK (no
// network here); a real bucket (S3, R2, MinIO) was not reachable from the test machine.
const s3 = useFakeS3()
const settings = () => ({
  S3_BUCKET: s3.bucket,
  S3_REGION: 'auto',
  S3_ENDPOINT: s3.endpoint,
  S3_ACCESS_KEY_ID: 'test-key',
  S3_SECRET_ACCESS_KEY: 'test-secret',
  S3_PUBLIC_URL: undefined as string | undefined,
})
const t = useTestApp({}, { storage: () => s3Storage(settings()) })
let user: TestUser
beforeAll(async () => {
  user = await makeUser(t.deps)
})

describe('S3-compatible bucket storage', () => {
  it('puts, gets and deletes objects by key with signed path-style requests', async () => {
    const storage = s3Storage(settings())
    const { key } = newMediaKeys('image/jpeg')
    await storage.put(key, new Uint8Array([1, 2, 3]), 'image/jpeg')
    expect(s3.objects.get(key)).toEqual({ body: Buffer.from([1, 2, 3]), contentType: 'image/jpeg', cacheControl: 'public, max-age=31536000, immutable' })
    expect(await storage.get(key)).toEqual({ body: new Uint8Array([1, 2, 3]), contentType: 'image/jpeg' })
    await storage.delete([key])
    expect(await storage.get(key)).toBeUndefined()
    expect(s3.requests.every((r) => r.signed && r.path.startsWith(`/${s3.bucket}/`))).toBe(true)
    expect(storage.publicUrl(key)).toBeNull()
    expect(s3Storage({ ...settings(), S3_PUBLIC_URL: 'https://cdn.example.com/photos/' }).publicUrl(key)).toBe(`https://cdn.example.com/photos/${key}`)
  })

  it('stores an upload in the bucket and serves it from /media, or redirects to the public URL', async () => {
    const res = await upload(t, user.token, await jpegWithGps(800, 600))
    expect(res.status).toBe(201)
    const key = res.body.url.slice('/media/'.length)
    expect(s3.objects.has(key)).toBe(true)
    expect(s3.objects.has(res.body.thumbnail_url.slice('/media/'.length))).toBe(true)

    const served = await t.app.request(res.body.url)
    expect(served.status).toBe(200)
    expect(served.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    const meta = await sharp(Buffer.from(await served.arrayBuffer())).metadata()
    expect([meta.width, meta.height, meta.exif]).toEqual([600, 800, undefined])
    expect((await t.app.request('/media/0123456789abcdef0123456789abcdef.jpg')).status).toBe(404)

    const storage = t.deps.storage
    t.deps.storage = s3Storage({ ...settings(), S3_PUBLIC_URL: 'https://cdn.example.com' })
    try {
      const redirect = await t.app.request(res.body.url)
      expect(redirect.status).toBe(301)
      expect(redirect.headers.get('location')).toBe(`https://cdn.example.com/${key}`)
    } finally {
      t.deps.storage = storage
    }
  })
})
