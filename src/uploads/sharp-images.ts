import sharp, { type Metadata, type Sharp } from 'sharp'
import { UnsupportedMediaTypeError, ValidationError } from '../errors'
import { type ImageProcessor, MAX_INPUT_PIXELS, MAX_SIDE_PX, type ProcessedImage, THUMBNAIL_SIDE_PX } from './image-processor'

const notAnImage = (detail: string) => new UnsupportedMediaTypeError(`file ${detail}; send a JPEG, PNG, WebP or AVIF image`, 'unsupported_image_type')
const refused = (code: string, message: string) => new ValidationError(`file ${message}`, [{ path: 'file', message }], code)

/** Which decoders to trust: sharp reads more (SVG, TIFF, GIF, PDF…), but photos need no more than this. */
function accepted(meta: Metadata): boolean {
  if (meta.format === 'jpeg' || meta.format === 'png' || meta.format === 'webp') return true
  // The prebuilt libheif decodes AVIF (AV1) only; HEIC (HEVC) needs a custom libvips build.
  return meta.format === 'heif' && meta.compression === 'av1'
}

async function readHeader(input: Uint8Array): Promise<Metadata> {
  try {
    // Reads the header only: nothing is decoded yet, so the pixel limit is checked by us below
    // (sharp's own would call a bomb "not an image").
    return await sharp(input, { limitInputPixels: false }).metadata()
  } catch {
    throw notAnImage('is not an image')
  }
}

async function processImage(input: Uint8Array): Promise<ProcessedImage> {
  const meta = await readHeader(input)
  if (meta.format === 'heif' && meta.compression === 'hevc') throw notAnImage('is a HEIC photo, which this server cannot decode')
  if (!accepted(meta)) throw notAnImage(`is ${meta.format ? `a ${meta.format.toUpperCase()} file` : 'not an image'}`)
  const { width, height } = meta
  if (!width || !height) throw notAnImage('has no dimensions')
  // A few kilobytes can declare gigapixels (a decompression bomb): refuse by the header's numbers.
  if (width * height > MAX_INPUT_PIXELS) {
    throw refused('image_too_large', `is ${width}×${height} pixels; at most ${MAX_INPUT_PIXELS / 1_000_000} megapixels are accepted`)
  }
  // Images with transparency stay WebP to keep it; photos become JPEG. Sharp
  // writes no metadata unless asked (no EXIF, GPS, XMP or ICC); autoOrient applies EXIF rotation first.
  const format = meta.hasAlpha ? 'webp' : 'jpeg'
  const encode = (img: Sharp) => (format === 'webp' ? img.webp({ quality: 80 }) : img.jpeg({ quality: 82, progressive: true }))
  try {
    const main = await encode(
      sharp(input, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' })
        .autoOrient()
        .resize(MAX_SIDE_PX, MAX_SIDE_PX, { fit: 'inside', withoutEnlargement: true }),
    ).toBuffer({ resolveWithObject: true })
    const thumbnail = await encode(sharp(main.data).resize(THUMBNAIL_SIDE_PX, THUMBNAIL_SIDE_PX, { fit: 'inside', withoutEnlargement: true })).toBuffer()
    return {
      contentType: format === 'webp' ? 'image/webp' : 'image/jpeg',
      body: new Uint8Array(main.data.buffer, main.data.byteOffset, main.data.byteLength),
      width: main.info.width,
      height: main.info.height,
      thumbnail: new Uint8Array(thumbnail.buffer, thumbnail.byteOffset, thumbnail.byteLength),
    }
  } catch {
    throw refused('unreadable_image', 'could not be decoded (damaged or truncated image)')
  }
}

/** Runs at most `max` jobs at once; the rest wait their turn (a finishing job hands its slot on). */
function limiter(max: number) {
  let running = 0
  const waiting: Array<() => void> = []
  return async <T>(job: () => Promise<T>): Promise<T> => {
    if (running < max) running++
    else await new Promise<void>((resolve) => waiting.push(resolve))
    try {
      return await job()
    } finally {
      const next = waiting.shift()
      if (next) next()
      else running--
    }
  }
}

/**
 * The image processor on Node: sharp (libvips), at most `concurrency` images decoded at once so a
 * burst of uploads cannot hold many full-size bitmaps in memory together.
 */
export function sharpImages(options: { concurrency?: number } = {}): ImageProcessor {
  // libvips' operation cache only helps repeated work on the same files; uploads never repeat.
  sharp.cache(false)
  const run = limiter(options.concurrency ?? 2)
  return { accepts: ['image/jpeg', 'image/png', 'image/webp', 'image/avif'], process: (input) => run(() => processImage(input)) }
}
