import { pbkdf2Async } from '@noble/hashes/pbkdf2.js'
import { sha256 } from '@noble/hashes/sha2.js'
import { timingSafeEqual } from '../bytes'
import { passwordHashGate } from './hash-gate'

/** OWASP's 2023 floor for unpeppered PBKDF2-HMAC-SHA256; Node only (Workers cap PBKDF2 at 100,000). */
export const PBKDF2_ITERATIONS = 600_000
/** Workers' PBKDF2 maximum; used with a server-side pepper, so a stolen table alone cannot be cracked. */
export const PEPPERED_ITERATIONS = 100_000
const PEPPERED = 'pbkdf2-sha256-hmac'
const PLAIN = 'pbkdf2-sha256'
const SALT_BYTES = 16
const KEY_BITS = 256
const encoder = new TextEncoder()

let pepperKey: Promise<CryptoKey> | undefined
let nativeMaxIterations = Number.POSITIVE_INFINITY

/**
 * The most PBKDF2 iterations the runtime's Web Crypto runs (Workers: 100,000; Node: no limit).
 * Hashes above it — the 600,000-round ones from before the pepper — are verified in JavaScript
 * instead (@noble/hashes, about 1 s of CPU once per account), so they still sign in and get upgraded.
 */
export function configureNativePbkdf2Limit(maxIterations: number): void {
  nativeMaxIterations = maxIterations
}

/**
 * Sets the process-wide pepper (PASSWORD_PEPPER, or the embedded data dir's own). With one, new
 * hashes are `pbkdf2-sha256-hmac$100000$…`, which verify on Node and Workers alike; without, new
 * hashes stay `pbkdf2-sha256$600000$…` (Node only). Undefined clears it.
 */
export function configurePasswordPepper(pepper: string | undefined): void {
  pepperKey = pepper
    ? crypto.subtle.importKey('raw', encoder.encode(pepper), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign'])
    : undefined
}

function toB64(bytes: Uint8Array): string {
  let s = ''
  for (const b of bytes) s += String.fromCharCode(b)
  return btoa(s)
}

function fromB64(text: string): Uint8Array {
  return Uint8Array.from(atob(text), (ch) => ch.charCodeAt(0))
}

// Every derivation waits for a slot in the process-wide gate (see hash-gate.ts).
function derive(secret: Uint8Array, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  return passwordHashGate.run(() => deriveNow(secret, salt, iterations))
}

async function deriveNow(secret: Uint8Array, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  if (iterations > nativeMaxIterations) return pbkdf2Async(sha256, secret, salt, { c: iterations, dkLen: KEY_BITS / 8 })
  const key = await crypto.subtle.importKey('raw', secret as BufferSource, 'PBKDF2', false, ['deriveBits'])
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations }, key, KEY_BITS)
  return new Uint8Array(bits)
}

// HMAC(pepper, password) first: PBKDF2 then runs over a 32-byte secret nobody has without the pepper.
async function peppered(password: string): Promise<Uint8Array | undefined> {
  if (!pepperKey) return undefined
  return new Uint8Array(await crypto.subtle.sign('HMAC', await pepperKey, encoder.encode(password)))
}

/**
 * Hashes a password with a fresh salt; the result names its scheme and parameters
 * (`<scheme>$<iterations>$<salt>$<hash>`). Peppered at 100,000 iterations when a pepper is set.
 */
export async function hashPassword(password: string, iterations?: number): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES))
  const secret = await peppered(password)
  if (secret) {
    const n = iterations ?? PEPPERED_ITERATIONS
    return `${PEPPERED}$${n}$${toB64(salt)}$${toB64(await derive(secret, salt, n))}`
  }
  const n = iterations ?? PBKDF2_ITERATIONS
  return `${PLAIN}$${n}$${toB64(salt)}$${toB64(await derive(encoder.encode(password), salt, n))}`
}

/** Checks a password against a stored hash in constant time; false for any malformed hash or a peppered one without the pepper. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, iterText, saltText, hashText] = stored.split('$')
  const iterations = Number(iterText)
  if (!Number.isInteger(iterations) || iterations < 1 || !saltText || !hashText) return false
  let secret: Uint8Array | undefined
  if (scheme === PLAIN) secret = encoder.encode(password)
  else if (scheme === PEPPERED) secret = await peppered(password)
  if (!secret) return false
  const actual = await derive(secret, fromB64(saltText), iterations)
  return timingSafeEqual(actual, fromB64(hashText))
}

/** True when a verified hash should be replaced by a fresh one (an older scheme, or fewer iterations than today's). */
export function needsRehash(stored: string): boolean {
  const [scheme, iterText] = stored.split('$')
  if (pepperKey) return scheme !== PEPPERED || Number(iterText) < PEPPERED_ITERATIONS
  return scheme === PLAIN && Number(iterText) < PBKDF2_ITERATIONS
}

/** A well-formed hash no password matches, so unknown emails cost as much as wrong passwords. */
export function dummyPasswordHash(): string {
  return pepperKey
    ? `${PEPPERED}$${PEPPERED_ITERATIONS}$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=`
    : `${PLAIN}$${PBKDF2_ITERATIONS}$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=`
}
