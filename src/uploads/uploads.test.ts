import sharp from 'sharp'
import { beforeAll, describe, expect, it } from 'vitest'
import { useTestApp } from '../../test/support/app'
import { makeUser, type TestUser } from '../../test/support/factories'
import { jpegWithGps, noisyPng, png, pngBomb, upload } from '../../test/support/images'

const t = useTestApp()
let consumer: TestUser
beforeAll(async () => {
  consumer = await makeUser(t.deps)
})

async function media(url: string) {
  const res = await t.app.request(url)
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) }
}

describe('POST /v1/uploads', () => {
  it('re-encodes a JPEG upright, capped at 2048 px, with no EXIF, GPS, ICC or XMP left', async () => {
    const original = await jpegWithGps(3000, 1000)
    const before = await sharp(original).metadata()
    expect([before.orientation, !!before.exif, !!before.icc, !!before.xmp]).toEqual([6, true, true, true])
    const res = await upload(t, consumer.token, original)
    expect(res.status).toBe(201)
    // Orientation 6 stores the picture sideways: upright it is 1000 wide and 3000 tall, then capped.
    expect(res.body).toEqual({ id: expect.any(String), url: expect.stringMatching(/^\/media\/[0-9a-f]{32}\.jpg$/), thumbnail_url: expect.stringMatching(/^\/media\/[0-9a-f]{32}\.thumb\.jpg$/), width: 683, height: 2048 })

    const full = await media(res.body.url)
    expect(full.status).toBe(200)
    expect(full.headers.get('content-type')).toBe('image/jpeg')
    expect(full.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    expect(full.headers.get('x-content-type-options')).toBe('nosniff')
    const meta = await sharp(full.bytes).metadata()
    expect({ format: meta.format, width: meta.width, height: meta.height }).toEqual({ format: 'jpeg', width: 683, height: 2048 })
    expect({ exif: meta.exif, icc: meta.icc, xmp: meta.xmp, iptc: meta.iptc, orientation: meta.orientation }).toEqual({ exif: undefined, icc: undefined, xmp: undefined, iptc: undefined, orientation: undefined })
    expect(full.bytes.includes(Buffer.from('Home sweet home'))).toBe(false)

    const thumb = await sharp((await media(res.body.thumbnail_url)).bytes).metadata()
    expect([thumb.width, thumb.height, thumb.exif]).toEqual([133, 400, undefined])

    const row = await t.db.selectFrom('uploads').selectAll().where('id', '=', res.body.id).executeTakeFirstOrThrow()
    expect(row).toMatchObject({ owner_id: consumer.id, content_type: 'image/jpeg', width: 683, height: 2048, byte_size: full.bytes.length, attached_at: null })
  })

  it('keeps a transparent PNG as WebP capped at 2048, and never enlarges a small one', async () => {
    const big = await upload(t, consumer.token, await png(3000, 2000, true), 'logo.png', 'image/png')
    expect(big.status).toBe(201)
    expect(big.body).toMatchObject({ width: 2048, height: 1365, url: expect.stringMatching(/\.webp$/) })
    const stored = await sharp((await media(big.body.url)).bytes).metadata()
    expect([stored.format, stored.hasAlpha, stored.width]).toEqual(['webp', true, 2048])

    const small = await upload(t, consumer.token, await png(300, 200), 'small.png', 'image/png')
    expect(small.status).toBe(201)
    expect(small.body).toMatchObject({ width: 300, height: 200, url: expect.stringMatching(/\.jpg$/) })
  })

  it('judges the type by content: a text file named .jpg and an SVG are 415', async () => {
    const text = await upload(t, consumer.token, Buffer.from('hello, this is not a photo\n'.repeat(50)), 'photo.jpg', 'image/jpeg')
    expect(text.status).toBe(415)
    expect(text.headers.get('content-type')).toBe('application/problem+json')
    expect(text.body).toMatchObject({ status: 415, code: 'unsupported_image_type' })
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>')
    expect((await upload(t, consumer.token, svg, 'photo.png', 'image/png')).body).toMatchObject({ status: 415, detail: expect.stringContaining('SVG') })
  })

  it('refuses an 11 MB image with 413, by Content-Length and while streaming', async () => {
    const big = await noisyPng(11 * 1024 * 1024)
    expect(big.length).toBeGreaterThan(11 * 1024 * 1024)
    const streamed = await upload(t, consumer.token, big, 'big.png', 'image/png')
    expect(streamed.status).toBe(413)
    expect(streamed.body).toMatchObject({ status: 413, code: 'file_too_large' })
    const declared = await t.app.request('/v1/uploads', {
      method: 'POST',
      headers: { Authorization: `Bearer ${consumer.token}`, 'Content-Type': 'multipart/form-data; boundary=x', 'Content-Length': String(100 * 1024 * 1024) },
      body: 'never read',
    })
    expect(declared.status).toBe(413)
  })

  it('refuses a decompression bomb (30000×30000 in a few hundred bytes) with 422 without decoding it', async () => {
    const bomb = pngBomb(30000, 30000)
    expect(bomb.length).toBeLessThan(2000)
    const started = performance.now()
    const res = await upload(t, consumer.token, bomb, 'bomb.png', 'image/png')
    expect(res.status).toBe(422)
    expect(res.body).toMatchObject({ code: 'image_too_large', errors: [{ path: 'file', message: expect.stringContaining('30000×30000') }] })
    expect(performance.now() - started).toBeLessThan(1000)
  })

  it('answers 422 for a damaged image whose header looks fine', async () => {
    const whole = await jpegWithGps(800, 600)
    const res = await upload(t, consumer.token, whole.subarray(0, Math.floor(whole.length / 2)))
    expect(res.status).toBe(422)
    expect(res.body.code).toBe('unreadable_image')
  })

  it('needs a signed-in user, a multipart body and exactly one file field', async () => {
    const jpeg = await jpegWithGps(100, 100)
    expect((await upload(t, undefined, jpeg)).status).toBe(401)
    expect((await t.call('POST', '/v1/uploads', { token: consumer.token, body: { file: 'x' } })).status).toBe(415)
    const empty = await t.app.request('/v1/uploads', { method: 'POST', headers: { Authorization: `Bearer ${consumer.token}` }, body: new FormData() })
    expect(empty.status).toBe(422)
    expect((await empty.json()).errors[0].path).toBe('file')
    const two = new FormData()
    two.append('file', new File([new Uint8Array(jpeg)], 'a.jpg'))
    two.append('file', new File([new Uint8Array(jpeg)], 'b.jpg'))
    expect((await t.app.request('/v1/uploads', { method: 'POST', headers: { Authorization: `Bearer ${consumer.token}` }, body: two })).status).toBe(422)
    const rows = await t.db.selectFrom('uploads').select('id').where('owner_id', '=', consumer.id).execute()
    expect(rows).toHaveLength(3) // the three good images above only
  })

  it('answers 501 where no image processor runs (Workers)', async () => {
    const images = t.deps.images
    t.deps.images = undefined
    try {
      const res = await upload(t, consumer.token, await jpegWithGps(100, 100))
      expect(res.status).toBe(501)
      expect(res.body.code).toBe('uploads_unavailable')
    } finally {
      t.deps.images = images
    }
  })
})

describe('GET /media/:key', () => {
  it('answers 404 for unknown keys and anything that is not a key, never reading outside storage', async () => {
    for (const path of ['/media/0123456789abcdef0123456789abcdef.jpg', '/media/..%2F..%2Fetc%2Fpasswd', '/media/jwt-secret', '/media/0123456789ABCDEF0123456789abcdef.jpg']) {
      const res = await t.app.request(path)
      expect(res.status, path).toBe(404)
    }
    expect((await t.app.request('/media/../package.json')).status).toBe(404)
  })
})
