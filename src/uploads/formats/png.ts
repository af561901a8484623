import { type CleanImage, concat, DamagedImageError, u32be } from './index'

const SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10]
// Chunks that draw the picture or its colours; text (tEXt/zTXt/iTXt), eXIf, tIME, iCCP and the
// APNG animation chunks are dropped (an animated PNG keeps its first frame).
const KEPT = new Set(['IHDR', 'PLTE', 'tRNS', 'gAMA', 'cHRM', 'sRGB', 'sBIT', 'bKGD', 'pHYs', 'IDAT', 'IEND'])

/** Whether `b` starts like a PNG. */
export const isPng = (b: Uint8Array) => SIGNATURE.every((v, i) => b[i] === v)

/** Dimensions from IHDR and the PNG without metadata chunks; throws DamagedImageError when it does not end in IEND. */
export function readPng(b: Uint8Array): CleanImage {
  const parts: Uint8Array[] = [b.subarray(0, 8)]
  let at = 8
  let width = 0
  let height = 0
  for (;;) {
    if (at + 12 > b.length) throw new DamagedImageError('the PNG ends before its IEND chunk')
    const length = u32be(b, at)
    const type = String.fromCharCode(...b.subarray(at + 4, at + 8))
    const end = at + 12 + length
    if (end > b.length) throw new DamagedImageError(`the PNG's ${type} chunk runs past the end of the file`)
    if (at === 8) {
      if (type !== 'IHDR' || length !== 13) throw new DamagedImageError('the PNG does not start with IHDR')
      width = u32be(b, at + 8)
      height = u32be(b, at + 12)
    }
    if (KEPT.has(type)) parts.push(b.subarray(at, end))
    at = end
    if (type === 'IEND') break
  }
  if (!width || !height) throw new DamagedImageError('the PNG has no dimensions')
  return { contentType: 'image/png', width, height, body: concat(parts) }
}
