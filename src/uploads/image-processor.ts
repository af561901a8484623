/** Limits every upload path shares, and the interface the upload service uses to turn bytes into a photo. */

/** Largest file accepted, in bytes (10 MiB). */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024
/** Most pixels an input may declare (width × height); larger ones are refused before decoding. */
export const MAX_INPUT_PIXELS = 50_000_000
/** Longest side of a stored image, in pixels. */
export const MAX_SIDE_PX = 2048
/** Longest side of a thumbnail, in pixels. */
export const THUMBNAIL_SIDE_PX = 400

/** A re-encoded image without metadata, and its thumbnail in the same format. */
export interface ProcessedImage {
  contentType: 'image/jpeg' | 'image/webp'
  body: Uint8Array
  width: number
  height: number
  thumbnail: Uint8Array
}

/**
 * Turns uploaded bytes into a ProcessedImage; throws UnsupportedMediaTypeError (415) for content
 * that is not an accepted image and ValidationError (422) for images too large to decode safely
 * or broken. Absent on runtimes without an image library (Workers).
 */
export interface ImageProcessor {
  process(input: Uint8Array): Promise<ProcessedImage>
  /** Input formats accepted, for error messages and docs. */
  readonly accepts: readonly string[]
}
