/**
 * Pure-JS readers for the image formats the Workers runtime accepts (no decoder there): each
 * reads the dimensions from the header, checks the file is whole, and returns the bytes with
 * every metadata block removed. Nothing is decoded, so a few bytes declaring gigapixels cost nothing.
 */
export { readJpeg } from './jpeg'
export { readPng } from './png'
export { readWebp } from './webp'

/** An image as stored: its format, upright dimensions, and its bytes without metadata. */
export interface CleanImage {
  contentType: 'image/jpeg' | 'image/png' | 'image/webp'
  width: number
  height: number
  body: Uint8Array
}

/** The file claims a format but its structure is broken (truncated, bad lengths, no dimensions). */
export class DamagedImageError extends Error {}

/** The file is a kind of JPEG/PNG/WebP browsers cannot show, or that this reader does not take. */
export class UnsupportedVariantError extends Error {}

/** Big-endian unsigned 16-bit read. */
export const u16be = (b: Uint8Array, at: number) => ((b[at] ?? 0) << 8) | (b[at + 1] ?? 0)
/** Big-endian unsigned 32-bit read. */
export const u32be = (b: Uint8Array, at: number) => (((b[at] ?? 0) << 24) >>> 0) + (u16be(b, at + 2) | ((b[at + 1] ?? 0) << 16))
/** Little-endian unsigned reads. */
export const u16le = (b: Uint8Array, at: number) => (b[at] ?? 0) | ((b[at + 1] ?? 0) << 8)
export const u24le = (b: Uint8Array, at: number) => u16le(b, at) | ((b[at + 2] ?? 0) << 16)
export const u32le = (b: Uint8Array, at: number) => u24le(b, at) + (b[at + 3] ?? 0) * 0x1000000

/** Joins byte ranges into one array. */
export function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const p of parts) {
    out.set(p, at)
    at += p.length
  }
  return out
}
