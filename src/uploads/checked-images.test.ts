import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { jpegWithGps, png, pngBomb, pngChunk } from '../../test/support/images'
import { checkImage } from './checked-images'

// The Workers image path (no sharp there): sharp is used here only to make inputs and to prove
// the stored bytes still decode and carry no metadata.
const has = (bytes: Uint8Array, text: string) => Buffer.from(bytes).includes(Buffer.from(text))
const refusal = (input: Uint8Array) => {
  try {
    checkImage(input)
  } catch (err) {
    return { name: (err as Error).name, code: (err as { code?: string }).code, message: (err as Error).message }
  }
  throw new Error('accepted')
}

describe('checking uploads without decoding them (Workers)', () => {
  it('keeps a JPEG as sent minus EXIF/GPS, ICC and XMP, keeping only its orientation, with upright dimensions', async () => {
    const original = await jpegWithGps(300, 100)
    const image = checkImage(original)
    expect({ type: image.contentType, width: image.width, height: image.height, thumbnail: image.thumbnail }).toEqual({ type: 'image/jpeg', width: 100, height: 300, thumbnail: undefined })
    expect(has(original, 'Home sweet home')).toBe(true)
    expect(has(image.body, 'Home sweet home')).toBe(false)
    expect(has(image.body, 'xmpmeta')).toBe(false)
    const meta = await sharp(image.body).metadata()
    expect({ orientation: meta.orientation, icc: meta.icc, xmp: meta.xmp, width: meta.width, height: meta.height }).toEqual({ orientation: 6, icc: undefined, xmp: undefined, width: 300, height: 100 })
    expect(meta.exif?.length).toBeLessThan(40) // the orientation tag only
    expect((await sharp(image.body).autoOrient().raw().toBuffer({ resolveWithObject: true })).info).toMatchObject({ width: 100, height: 300 })
  })

  it('reads a progressive JPEG without orientation as is, with no EXIF segment added', async () => {
    const jpeg = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#345' } }).jpeg({ progressive: true }).toBuffer()
    const image = checkImage(jpeg)
    expect([image.width, image.height]).toEqual([640, 480])
    expect((await sharp(image.body).metadata()).exif).toBeUndefined()
    expect(Buffer.from(image.body).equals(jpeg)).toBe(true)
  })

  it('keeps a PNG as PNG without text chunks, and a WebP without EXIF, XMP or ICC', async () => {
    const plain = await png(320, 200, true)
    const iend = plain.length - 12
    const tagged = Buffer.concat([plain.subarray(0, iend), pngChunk('tEXt', Buffer.from('Comment\0taken at 30.27N 120.15E')), plain.subarray(iend)])
    const image = checkImage(tagged)
    expect({ type: image.contentType, width: image.width, height: image.height }).toEqual({ type: 'image/png', width: 320, height: 200 })
    expect(has(image.body, '120.15E')).toBe(false)
    expect(Buffer.from(image.body).equals(plain)).toBe(true)

    const webp = await sharp({ create: { width: 500, height: 300, channels: 3, background: '#963' } })
      .webp()
      .withExif({ IFD0: { Copyright: 'Home sweet home' } })
      .withIccProfile('p3')
      .toBuffer()
    expect((await sharp(webp).metadata()).exif).toBeDefined()
    const cleaned = checkImage(webp)
    expect([cleaned.contentType, cleaned.width, cleaned.height]).toEqual(['image/webp', 500, 300])
    expect(has(cleaned.body, 'Home sweet home')).toBe(false)
    const meta = await sharp(cleaned.body).metadata()
    expect({ exif: meta.exif, icc: meta.icc, width: meta.width }).toEqual({ exif: undefined, icc: undefined, width: 500 })
    const lossless = await sharp({ create: { width: 33, height: 17, channels: 4, background: { r: 1, g: 2, b: 3, alpha: 0.5 } } }).webp({ lossless: true }).toBuffer()
    expect([checkImage(lossless).width, checkImage(lossless).height]).toEqual([33, 17])
  })

  it('refuses by content: text named .jpg, SVG, GIF and AVIF are 415', async () => {
    expect(refusal(Buffer.from('hello, this is not a photo\n'.repeat(5)))).toMatchObject({ name: 'UnsupportedMediaTypeError', code: 'unsupported_image_type' })
    expect(refusal(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>')).message).toContain('SVG')
    const gif = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#000' } }).gif().toBuffer()
    expect(refusal(gif).code).toBe('unsupported_image_type')
    const avif = await sharp({ create: { width: 16, height: 16, channels: 3, background: '#000' } }).avif().toBuffer()
    expect(refusal(avif).message).toContain('AVIF')
  })

  it('refuses a decompression bomb by its header (422) and cut-off files as unreadable (422)', async () => {
    expect(refusal(pngBomb(30000, 30000))).toMatchObject({ name: 'ValidationError', code: 'image_too_large', message: expect.stringContaining('30000×30000') })
    const jpeg = await jpegWithGps(200, 100)
    const pngFile = await png(200, 100)
    const webp = await sharp({ create: { width: 200, height: 100, channels: 3, background: '#123' } }).webp().toBuffer()
    for (const whole of [jpeg, pngFile, webp]) {
      expect(refusal(whole.subarray(0, Math.floor(whole.length / 2)))).toMatchObject({ name: 'ValidationError', code: 'unreadable_image' })
      expect(refusal(whole.subarray(0, 20)).code).toBe('unreadable_image')
    }
  })
})
