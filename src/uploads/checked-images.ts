import { UnsupportedMediaTypeError, ValidationError } from '../errors'
import { DamagedImageError, readJpeg, readPng, readWebp, UnsupportedVariantError } from './formats'
import { isJpeg } from './formats/jpeg'
import { isPng } from './formats/png'
import { isWebp } from './formats/webp'
import { type ImageProcessor, MAX_INPUT_PIXELS, type ProcessedImage } from './image-processor'

const notAnImage = (detail: string) => new UnsupportedMediaTypeError(`file ${detail}; send a JPEG, PNG or WebP image`, 'unsupported_image_type')
const refused = (code: string, message: string) => new ValidationError(`file ${message}`, [{ path: 'file', message }], code)

function kindOf(b: Uint8Array): string {
  const head = new TextDecoder().decode(b.subarray(0, 256)).trimStart().toLowerCase()
  if (head.startsWith('<svg') || (head.startsWith('<?xml') && head.includes('<svg'))) return 'is an SVG image'
  if (String.fromCharCode(...b.subarray(4, 8)) === 'ftyp') return 'is an AVIF or HEIC photo, which only the Node server converts'
  return 'is not an image'
}

function read(input: Uint8Array) {
  if (isJpeg(input)) return readJpeg(input)
  if (isPng(input)) return readPng(input)
  if (isWebp(input)) return readWebp(input)
  throw notAnImage(kindOf(input))
}

/** Checks and cleans one upload without decoding it (see checkedImages). */
export function checkImage(input: Uint8Array): ProcessedImage {
  let image
  try {
    image = read(input)
  } catch (err) {
    if (err instanceof DamagedImageError) throw refused('unreadable_image', `could not be read (${err.message})`)
    if (err instanceof UnsupportedVariantError) throw notAnImage(err.message)
    throw err
  }
  if (image.width * image.height > MAX_INPUT_PIXELS) {
    throw refused('image_too_large', `is ${image.width}×${image.height} pixels; at most ${MAX_INPUT_PIXELS / 1_000_000} megapixels are accepted`)
  }
  return { ...image }
}

/**
 * The image processor where sharp cannot run (Workers): JPEG, PNG and WebP are recognised by
 * their bytes, their dimensions read from the header, and stored as sent minus every metadata
 * block (EXIF/GPS, XMP, ICC, comments; a JPEG keeps only its orientation). Nothing is decoded,
 * re-encoded or resized, so there is no separate thumbnail and no 2048 px cap: the photo itself is
 * its thumbnail. A file whose structure is cut off or broken is refused; pixel data that is
 * corrupt inside a well-formed file is not detected (browsers show what they can).
 */
export function checkedImages(): ImageProcessor {
  return { accepts: ['image/jpeg', 'image/png', 'image/webp'], process: async (input) => checkImage(input) }
}
