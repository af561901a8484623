import { type CleanImage, concat, DamagedImageError, u16be, UnsupportedVariantError } from './index'

// Frame markers browsers decode: baseline, extended sequential, progressive (Huffman coded).
const SHOWN_FRAMES = new Set([0xc0, 0xc1, 0xc2])
const OTHER_FRAMES = new Set([0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf])
const SOS = 0xda
const EOI = 0xd9
// APP0 (JFIF) and APP14 (Adobe colour transform) say how to decode the pixels and carry nothing
// personal; every other APPn (EXIF with GPS, XMP, ICC, Photoshop/IPTC…) and comments are dropped.
const keepSegment = (marker: number) => !(marker >= 0xe0 && marker <= 0xef && marker !== 0xe0 && marker !== 0xee) && marker !== 0xfe

/** Whether `b` starts like a JPEG. */
export const isJpeg = (b: Uint8Array) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff

/** The EXIF orientation (1–8) in an APP1 segment's payload, or 1 when absent or unreadable. */
function exifOrientation(p: Uint8Array): number {
  if (String.fromCharCode(...p.subarray(0, 6)) !== 'Exif\0\0') return 1
  const tiff = p.subarray(6)
  const little = tiff[0] === 0x49
  const view = new DataView(tiff.buffer, tiff.byteOffset, tiff.byteLength)
  try {
    const ifd = view.getUint32(4, little)
    const count = view.getUint16(ifd, little)
    for (let i = 0; i < count; i++) {
      const entry = ifd + 2 + i * 12
      if (view.getUint16(entry, little) === 0x0112) {
        const value = view.getUint16(entry + 8, little)
        return value >= 1 && value <= 8 ? value : 1
      }
    }
  } catch {
    // A broken EXIF block: the picture is shown as stored.
  }
  return 1
}

/** An APP1 segment holding only the orientation tag, so a photo taken sideways still shows upright. */
function orientationSegment(orientation: number): Uint8Array {
  const exif = [0x45, 0x78, 0x69, 0x66, 0, 0, 0x4d, 0x4d, 0, 0x2a, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, orientation, 0, 0, 0, 0, 0, 0]
  return new Uint8Array([0xff, 0xe1, 0, exif.length + 2, ...exif])
}

/**
 * Dimensions from the frame header (upright, after the EXIF orientation) and the JPEG with no
 * metadata but the orientation; throws DamagedImageError when the scan does not end in EOI.
 */
export function readJpeg(b: Uint8Array): CleanImage {
  const kept: Uint8Array[] = []
  let orientation = 1
  let frame: { width: number; height: number } | undefined
  let at = 2
  for (;;) {
    if (at + 4 > b.length || b[at] !== 0xff) throw new DamagedImageError('the JPEG ends or breaks before its image data')
    const marker = b[at + 1] as number
    if (marker === 0xff) {
      at++ // fill byte
      continue
    }
    const end = at + 2 + u16be(b, at + 2)
    if (end > b.length) throw new DamagedImageError('a JPEG segment runs past the end of the file')
    if (OTHER_FRAMES.has(marker)) throw new UnsupportedVariantError('is a lossless or arithmetic-coded JPEG, which browsers cannot show')
    if (SHOWN_FRAMES.has(marker)) frame = { height: u16be(b, at + 5), width: u16be(b, at + 7) }
    if (marker === 0xe1 && orientation === 1) orientation = exifOrientation(b.subarray(at + 4, end))
    if (marker === SOS) break
    if (keepSegment(marker)) kept.push(b.subarray(at, end))
    at = end
  }
  if (!frame || !frame.width || !frame.height) throw new DamagedImageError('the JPEG has no frame header with dimensions')
  // Inside the scans every 0xFF byte is stuffed or starts a marker, so the first FF D9 is the end
  // of the picture; anything after it (camera trailers, extra MPF images) is dropped.
  let eoi = -1
  for (let i = at; i < b.length - 1; i++) {
    if (b[i] === 0xff && b[i + 1] === EOI) {
      eoi = i
      break
    }
  }
  if (eoi < 0) throw new DamagedImageError('the JPEG image data is cut off (no end marker)')
  // JFIF wants APP0 first after SOI; the orientation segment follows it.
  const app0 = kept[0]?.[1] === 0xe0 ? 1 : 0
  const parts = [b.subarray(0, 2), ...kept.slice(0, app0), ...(orientation > 1 ? [orientationSegment(orientation)] : []), ...kept.slice(app0), b.subarray(at, eoi + 2)]
  const sideways = orientation >= 5
  return { contentType: 'image/jpeg', width: sideways ? frame.height : frame.width, height: sideways ? frame.width : frame.height, body: concat(parts) }
}
