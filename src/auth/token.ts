import { hmac } from '@noble/hashes/hmac.js'
import { sha256 } from '@noble/hashes/sha2.js'
import { decode, sign } from 'hono/jwt'
import { fromBase64Url, timingSafeEqual } from '../bytes'
import type { AuthUser } from '../context'
import { UnauthorizedError } from '../errors'

/** What a verified access token says: who, in which role, and which of the account's token versions. */
export interface TokenClaims extends AuthUser {
  /** The account's `token_version` when the token was issued; tokens from before a bump are revoked. */
  tokenVersion: number
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** Issues a signed HS256 access token for `user` that expires after `ttlSeconds`. */
export async function issueToken(user: AuthUser, secret: string, ttlSeconds: number, now = new Date(), tokenVersion = 0): Promise<string> {
  const iat = Math.floor(now.getTime() / 1000)
  return sign({ sub: user.id, role: user.role, ver: tokenVersion, iat, exp: iat + ttlSeconds }, secret, 'HS256')
}

const encoder = new TextEncoder()

/**
 * hono/jwt's verify, HS256 only, with the signature checked by a synchronous HMAC (pure JS, the
 * same on Node and Workers): Web Crypto's async verify cost every signed-in request a thread-pool
 * round trip, about a tenth of the server's CPU on the feed. The header must say HS256; `nbf`,
 * `exp` and `iat` are checked as hono/jwt checks them. Throws on any failure.
 */
function verifyHs256(token: string, secret: string): Record<string, unknown> {
  const parts = token.split('.')
  if (parts.length !== 3) throw new Error('parts')
  const { header, payload } = decode(token)
  if (header.alg !== 'HS256') throw new Error('alg')
  const expected = hmac(sha256, encoder.encode(secret), encoder.encode(`${parts[0]}.${parts[1]}`))
  if (!timingSafeEqual(fromBase64Url(parts[2] as string), expected)) throw new Error('signature')
  const now = Math.floor(Date.now() / 1000)
  const time = (v: unknown) => typeof v === 'number' && Number.isFinite(v)
  if (payload.nbf !== undefined && (!time(payload.nbf) || (payload.nbf as number) > now)) throw new Error('nbf')
  if (payload.exp !== undefined && (!time(payload.exp) || (payload.exp as number) <= now)) throw new Error('exp')
  if (payload.iat !== undefined && (!time(payload.iat) || now < (payload.iat as number))) throw new Error('iat')
  return payload
}

/**
 * Verifies signature, expiry and the shape of the claims; any failure is the same
 * UnauthorizedError. Tokens from before versions existed count as version 0.
 */
export async function readToken(token: string, secret: string): Promise<TokenClaims> {
  try {
    const payload = verifyHs256(token, secret)
    const version = payload.ver ?? 0
    if (typeof payload.sub !== 'string' || !UUID.test(payload.sub)) throw new Error('sub')
    if (payload.role !== 'consumer' && payload.role !== 'merchant') throw new Error('role')
    if (typeof version !== 'number' || !Number.isInteger(version) || version < 0) throw new Error('ver')
    return { id: payload.sub, role: payload.role, tokenVersion: version }
  } catch {
    throw new UnauthorizedError('access token is missing, expired or invalid', 'invalid_token')
  }
}
