import { sign, verify } from 'hono/jwt'
import type { AuthUser } from '../context'
import { UnauthorizedError } from '../errors'

/** Issues a signed HS256 access token for `user` that expires after `ttlSeconds`. */
export async function issueToken(user: AuthUser, secret: string, ttlSeconds: number, now = new Date()): Promise<string> {
  const iat = Math.floor(now.getTime() / 1000)
  return sign({ sub: user.id, role: user.role, iat, exp: iat + ttlSeconds }, secret, 'HS256')
}

/** Verifies signature and expiry; any failure is the same UnauthorizedError. */
export async function readToken(token: string, secret: string): Promise<AuthUser> {
  try {
    const payload = await verify(token, secret, 'HS256')
    if (typeof payload.sub !== 'string' || (payload.role !== 'consumer' && payload.role !== 'merchant')) throw new Error('claims')
    return { id: payload.sub, role: payload.role }
  } catch {
    throw new UnauthorizedError('access token is missing, expired or invalid', 'invalid_token')
  }
}
