import { type CleanImage, concat, DamagedImageError, u16le, u24le, u32le } from './index'

const ascii = (b: Uint8Array, at: number, n = 4) => String.fromCharCode(...b.subarray(at, at + n))
// VP8X flag bits for the metadata this reader removes.
const ICC = 0x20
const EXIF = 0x08
const XMP = 0x04

/** Whether `b` starts like a WebP (RIFF…WEBP). */
export const isWebp = (b: Uint8Array) => ascii(b, 0) === 'RIFF' && ascii(b, 8) === 'WEBP'

function dimensions(type: string, data: Uint8Array): { width: number; height: number } {
  if (type === 'VP8X') return { width: u24le(data, 4) + 1, height: u24le(data, 7) + 1 }
  if (type === 'VP8L') {
    if (data[0] !== 0x2f) throw new DamagedImageError('the lossless WebP has no signature')
    const bits = u32le(data, 1)
    return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 }
  }
  if (data[3] !== 0x9d || data[4] !== 0x01 || data[5] !== 0x2a) throw new DamagedImageError('the WebP key frame has no start code')
  return { width: u16le(data, 6) & 0x3fff, height: u16le(data, 8) & 0x3fff }
}

/** Dimensions from the first image chunk and the WebP without EXIF, XMP and ICC chunks. */
export function readWebp(b: Uint8Array): CleanImage {
  const riffEnd = 8 + u32le(b, 4)
  if (riffEnd > b.length) throw new DamagedImageError('the WebP is shorter than its header says')
  const parts: Uint8Array[] = []
  let size: { width: number; height: number } | undefined
  let at = 12
  while (at < riffEnd) {
    if (at + 8 > riffEnd) throw new DamagedImageError('the WebP ends inside a chunk header')
    const type = ascii(b, at)
    const length = u32le(b, at + 4)
    const end = at + 8 + length + (length % 2)
    if (at + 8 + length > riffEnd) throw new DamagedImageError(`the WebP's ${type.trim()} chunk runs past the end of the file`)
    const chunk = b.subarray(at, Math.min(end, riffEnd))
    if (type === 'VP8X') {
      const copy = chunk.slice()
      copy[8] = (copy[8] ?? 0) & ~(ICC | EXIF | XMP)
      parts.push(copy)
    } else if (type !== 'EXIF' && type !== 'XMP ' && type !== 'ICCP') {
      parts.push(chunk)
    }
    if (!size && (type === 'VP8X' || type === 'VP8L' || type === 'VP8 ')) size = dimensions(type, b.subarray(at + 8, at + 8 + length))
    at = end
  }
  if (!size || !size.width || !size.height) throw new DamagedImageError('the WebP has no image chunk')
  const body = concat([new Uint8Array(12), ...parts])
  body.set(b.subarray(0, 12))
  new DataView(body.buffer).setUint32(4, body.length - 8, true)
  return { contentType: 'image/webp', ...size, body }
}
