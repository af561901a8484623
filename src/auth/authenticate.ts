import type { AppDeps, AuthUser } from '../context'
import { UnauthorizedError } from '../errors'
import { readToken } from './token'
import * as users from './users.repository'

/**
 * The account behind a bearer token: a valid signature and expiry, an account that still exists,
 * and a token version that was not revoked (sign-out everywhere, password change). One primary-key
 * read per request; the role comes from the account, not the token.
 */
export async function authenticate(deps: AppDeps, token: string): Promise<AuthUser> {
  const claims = await readToken(token, deps.jwtSecret)
  const account = await users.findTokenState(deps.db, claims.id)
  if (!account || account.token_version !== claims.tokenVersion) {
    throw new UnauthorizedError('this session has ended; sign in again', 'invalid_token')
  }
  return { id: account.id, role: account.role }
}
