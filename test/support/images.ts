import { deflateSync } from 'node:zlib'
import sharp from 'sharp'
import type { TestContext } from './app'

/** A JPEG with EXIF (GPS, copyright), an ICC profile, XMP, and orientation 6 (stored sideways). */
export async function jpegWithGps(width = 3000, height = 1000): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: '#c84' } })
    .jpeg()
    .withExif({
      IFD0: { Copyright: 'Home sweet home' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '30/1 16/1 27/1', GPSLongitudeRef: 'E', GPSLongitude: '120/1 9/1 18/1' },
    })
    .withIccProfile('p3')
    .withMetadata({ orientation: 6 })
    .withXmp('<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/></x:xmpmeta>')
    .toBuffer()
}

/** A PNG of one colour, with an alpha channel when `alpha`. */
export async function png(width: number, height: number, alpha = false): Promise<Buffer> {
  const background = alpha ? { r: 40, g: 120, b: 200, alpha: 0.5 } : '#2878c8'
  return sharp({ create: { width, height, channels: alpha ? 4 : 3, background } }).png().toBuffer()
}

/** A valid, barely compressible PNG of about `bytes` bytes (random noise, no compression). */
export async function noisyPng(bytes: number): Promise<Buffer> {
  const side = Math.ceil(Math.sqrt(bytes / 3))
  const pixels = new Uint8Array(side * side * 3)
  for (let i = 0; i < pixels.length; i += 65536) crypto.getRandomValues(pixels.subarray(i, i + 65536))
  return sharp(pixels, { raw: { width: side, height: side, channels: 3 } }).png({ compressionLevel: 0 }).toBuffer()
}

/** One PNG chunk (length, type, data, CRC). */
export function pngChunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4)
  len.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([len, body, crc])
}

function crc32(buf: Buffer): number {
  let c = ~0
  for (const byte of buf) {
    c ^= byte
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1
  }
  return ~c >>> 0
}

/** A decompression bomb: a few hundred bytes of PNG declaring `width`×`height` pixels. */
export function pngBomb(width = 30000, height = 30000): Buffer {
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(width, 0)
  ihdr.writeUInt32BE(height, 4)
  ihdr.set([8, 2, 0, 0, 0], 8) // 8-bit RGB, deflate, no filter, no interlace
  const rows = deflateSync(Buffer.alloc((1 + width * 3) * 4)) // the first rows of zeros; the rest never arrive
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), pngChunk('IHDR', ihdr), pngChunk('IDAT', rows), pngChunk('IEND', Buffer.alloc(0))])
}

/** POST /v1/uploads with one multipart `file` part, as a browser sends it. */
export async function upload(t: TestContext, token: string | undefined, bytes: Uint8Array, name = 'photo.jpg', type = 'image/jpeg', headers: Record<string, string> = {}) {
  const form = new FormData()
  form.append('file', new File([bytes as Uint8Array<ArrayBuffer>], name, { type }))
  const res = await t.app.request('/v1/uploads', {
    method: 'POST',
    headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...headers },
    body: form,
  })
  const text = await res.text()
  let body: any = text
  try {
    body = JSON.parse(text)
  } catch {
    // not JSON
  }
  return { status: res.status, headers: res.headers, body }
}

/** Uploads a small JPEG as `token` and returns its photo id. */
export async function uploadPhoto(t: TestContext, token: string): Promise<string> {
  const res = await upload(t, token, await sharp({ create: { width: 64, height: 48, channels: 3, background: '#963' } }).jpeg().toBuffer())
  if (res.status !== 201) throw new Error(`upload failed: ${res.status} ${JSON.stringify(res.body)}`)
  return res.body.id
}
