import { timingSafeEqual } from '../http/cursor'
import { passwordHashGate } from './hash-gate'

/** OWASP's 2023 floor for PBKDF2-HMAC-SHA256. */
export const PBKDF2_ITERATIONS = 600_000
const SALT_BYTES = 16
const KEY_BITS = 256

function toB64(bytes: Uint8Array): string {
  let s = ''
  for (const b of bytes) s += String.fromCharCode(b)
  return btoa(s)
}

function fromB64(text: string): Uint8Array {
  return Uint8Array.from(atob(text), (ch) => ch.charCodeAt(0))
}

// Every derivation waits for a slot in the process-wide gate (see hash-gate.ts).
function derive(password: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  return passwordHashGate.run(() => deriveNow(password, salt, iterations))
}

async function deriveNow(password: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, ['deriveBits'])
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations },
    key,
    KEY_BITS,
  )
  return new Uint8Array(bits)
}

/**
 * Hashes a password with PBKDF2-SHA256 (Web Crypto, so it runs on Workers too) and a fresh salt.
 * The result records its parameters: `pbkdf2-sha256$600000$<salt>$<hash>`.
 */
export async function hashPassword(password: string, iterations = PBKDF2_ITERATIONS): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES))
  const hash = await derive(password, salt, iterations)
  return `pbkdf2-sha256$${iterations}$${toB64(salt)}$${toB64(hash)}`
}

/** Checks a password against a stored hash in constant time; false for any malformed hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, iterText, saltText, hashText] = stored.split('$')
  const iterations = Number(iterText)
  if (scheme !== 'pbkdf2-sha256' || !Number.isInteger(iterations) || iterations < 1 || !saltText || !hashText) return false
  const expected = fromB64(hashText)
  const actual = await derive(password, fromB64(saltText), iterations)
  return timingSafeEqual(actual, expected)
}

/** A well-formed hash no password matches, so unknown emails cost as much as wrong passwords. */
export const DUMMY_PASSWORD_HASH = `pbkdf2-sha256$${PBKDF2_ITERATIONS}$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=`
