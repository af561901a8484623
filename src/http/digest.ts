import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js'
import { bytesToHex } from '@noble/hashes/utils.js'

const encoder = new TextEncoder()

/**
 * SHA-256 of text (UTF-8) or bytes, synchronously: the one way the app fingerprints things
 * (cursor queries, idempotent request bodies, webhook events, limiter keys). Pure JS, so the same
 * on Node and Workers; Web Crypto's async digest cost every list request a thread-pool round trip.
 * @example sha256Hex('abc') // 'ba7816bf…'
 */
export function sha256(input: string | Uint8Array): Uint8Array {
  return nobleSha256(typeof input === 'string' ? encoder.encode(input) : input)
}

/** SHA-256 as lowercase hex. */
export function sha256Hex(input: string | Uint8Array): string {
  return bytesToHex(sha256(input))
}
