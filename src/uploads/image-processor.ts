import { NotImplementedError } from '../errors'

/** Limits every upload path shares, and the interface the upload service uses to turn bytes into a photo. */

/** Largest file accepted, in bytes (10 MiB). */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024
/** Most pixels an input may declare (width × height); larger ones are refused before decoding. */
export const MAX_INPUT_PIXELS = 50_000_000
/** Longest side of a stored image, in pixels. */
export const MAX_SIDE_PX = 2048
/** Longest side of a thumbnail, in pixels. */
export const THUMBNAIL_SIDE_PX = 400

/** An image without metadata, and its thumbnail in the same format. */
export interface ProcessedImage {
  /** sharp writes JPEG or WebP; the Workers checker keeps the format sent (PNG too). */
  contentType: 'image/jpeg' | 'image/png' | 'image/webp'
  body: Uint8Array
  width: number
  height: number
  /** Absent where images cannot be resized (Workers): the image is its own thumbnail. */
  thumbnail?: Uint8Array
}

/**
 * Turns uploaded bytes into a ProcessedImage; throws UnsupportedMediaTypeError (415) for content
 * that is not an accepted image and ValidationError (422) for images too large to decode safely
 * or broken. sharp on Node (sharp-images.ts); a pure-JS checker on Workers (checked-images.ts).
 */
export interface ImageProcessor {
  process(input: Uint8Array): Promise<ProcessedImage>
  /** Input formats accepted, for error messages and docs. */
  readonly accepts: readonly string[]
}

/** The 501 for a deployment with no image processor (a Worker without an R2 binding or bucket). */
export function uploadsUnavailable(): NotImplementedError {
  return new NotImplementedError('photo uploads are not set up on this deployment (a Worker needs an R2 bucket bound as MEDIA)', 'uploads_unavailable')
}
