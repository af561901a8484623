import { sign, verify } from 'hono/jwt'
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

/**
 * Verifies signature, expiry and the shape of the claims; any failure is the same
 * UnauthorizedError. Tokens from before versions existed count as version 0.
 */
export async function readToken(token: string, secret: string): Promise<TokenClaims> {
  try {
    const payload = await verify(token, secret, 'HS256')
    const version = payload.ver ?? 0
    if (typeof payload.sub !== 'string' || !UUID.test(payload.sub)) throw new Error('sub')
    if (payload.role !== 'consumer' && payload.role !== 'merchant') throw new Error('role')
    if (typeof version !== 'number' || !Number.isInteger(version) || version < 0) throw new Error('ver')
    return { id: payload.sub, role: payload.role, tokenVersion: version }
  } catch {
    throw new UnauthorizedError('access token is missing, expired or invalid', 'invalid_token')
  }
}
