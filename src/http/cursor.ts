import { hmac } from '@noble/hashes/hmac.js'
import { sha256 } from '@noble/hashes/sha2.js'
import { fromBase64Url, toBase64Url, timingSafeEqual } from '../bytes'
import { ValidationError } from '../errors'

const encoder = new TextEncoder()

/** Opaque, signed page cursors: clients can pass them back but not forge or edit them. */
export interface CursorCodec {
  encode(payload: unknown): Promise<string>
  /** Throws ValidationError (422, `invalid_cursor`) when the cursor is malformed or was tampered with. */
  decode<T>(cursor: string): Promise<T>
}

/**
 * Makes the one cursor codec of the app, signing with HMAC-SHA256 under `secret`.
 * @example const c = createCursorCodec('k'); await c.decode(await c.encode({ d: 12 }))
 */
export function createCursorCodec(secret: string): CursorCodec {
  // Synchronous HMAC (pure JS, same on Node and Workers): a cursor is signed on every list page,
  // and Web Crypto's async sign cost a thread-pool round trip each time (~45 µs against ~10 µs).
  const key = encoder.encode(`cursor:${secret}`)
  const sign = (body: Uint8Array) => hmac(sha256, key, body).subarray(0, 16)
  // One status for a bad cursor on every list: 422 naming the `cursor` parameter.
  const detail = 'cursor is malformed or was altered; start again from the first page'
  const invalid = () => new ValidationError(detail, [{ path: 'cursor', message: detail }], 'invalid_cursor')
  return {
    async encode(payload) {
      const body = encoder.encode(JSON.stringify(payload))
      return `${toBase64Url(body)}.${toBase64Url(sign(body))}`
    },
    async decode<T>(cursor: string) {
      const [bodyPart, macPart, extra] = cursor.split('.')
      if (!bodyPart || !macPart || extra !== undefined || cursor.length > 2048) throw invalid()
      let body: Uint8Array
      let mac: Uint8Array
      try {
        body = fromBase64Url(bodyPart)
        mac = fromBase64Url(macPart)
      } catch {
        throw invalid()
      }
      const expected = sign(body)
      if (mac.length !== expected.length || !timingSafeEqual(mac, expected)) throw invalid()
      try {
        return JSON.parse(new TextDecoder().decode(body)) as T
      } catch {
        throw invalid()
      }
    },
  }
}
