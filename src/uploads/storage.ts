/**
 * Where uploaded images live. Keys are made here, never taken from a request: `<32 hex>.jpg`
 * and `<32 hex>.thumb.jpg` (or .webp), so no path a client sends can name another file.
 */

/** A stored file as read back. */
export interface StoredFile {
  body: Uint8Array
  contentType: string
}

/** put/get/delete by key; one implementation per backend (filesystem, S3-compatible bucket, R2 binding). */
export interface MediaStorage {
  readonly kind: 'filesystem' | 's3' | 'r2' | 'none'
  put(key: string, body: Uint8Array, contentType: string): Promise<void>
  /** The file, or undefined when no file has this key. */
  get(key: string): Promise<StoredFile | undefined>
  /** Deletes the files; keys that do not exist are ignored. */
  delete(keys: readonly string[]): Promise<void>
  /** Where browsers can fetch the file directly (a bucket's public URL), or null when /media serves it. */
  publicUrl(key: string): string | null
}

/** Cache header for stored files: a key's content never changes (/media and bucket objects alike). */
export const IMMUTABLE = 'public, max-age=31536000, immutable'

const KEY = /^[0-9a-f]{32}(\.thumb)?\.(jpg|png|webp)$/

/** Whether `key` has the shape this module gives keys (the only keys /media will look up). */
export function isMediaKey(key: string): boolean {
  return KEY.test(key)
}

const TYPES: Record<string, string> = { jpg: 'image/jpeg', png: 'image/png', webp: 'image/webp' }
const EXTENSIONS: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' }

/** The media type a key's extension stands for. */
export function contentTypeOfKey(key: string): string {
  return TYPES[key.slice(key.lastIndexOf('.') + 1)] ?? 'application/octet-stream'
}

/** A fresh random pair of keys for an image and its thumbnail of `contentType`. */
export function newMediaKeys(contentType: 'image/jpeg' | 'image/png' | 'image/webp'): { key: string; thumbnailKey: string } {
  const id = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('hex')
  const ext = EXTENSIONS[contentType]
  return { key: `${id}.${ext}`, thumbnailKey: `${id}.thumb.${ext}` }
}

/** Storage for deployments that have none (Workers without an R2 binding or bucket): reads find nothing, writes fail. */
export const noStorage: MediaStorage = {
  kind: 'none',
  async put() {
    throw new Error('no media storage is configured on this deployment')
  },
  async get() {
    return undefined
  },
  async delete() {},
  publicUrl: () => null,
}
