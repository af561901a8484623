import type { AppDeps } from '../context'
import { ConflictError, NotFoundError, RateLimitedError, UnauthorizedError, ValidationError } from '../errors'
import { dummyPasswordHash, hashPassword, needsRehash, verifyPassword } from './password'
import { weakPasswordReason } from './password-policy'
import { issueToken } from './token'
import type { Role, UserRow } from './user.table'
import * as users from './users.repository'

export interface PublicUser {
  id: string
  email: string
  name: string
  role: Role
}

export interface Session {
  token: string
  user: PublicUser
}

function toPublic(row: UserRow): PublicUser {
  return { id: row.id, email: row.email, name: row.name, role: row.role }
}

async function sessionFor(deps: AppDeps, row: UserRow): Promise<Session> {
  const token = await issueToken({ id: row.id, role: row.role }, deps.jwtSecret, deps.config.JWT_TTL_SECONDS, deps.now(), row.token_version)
  return { token, user: toPublic(row) }
}

function assertStrong(password: string, field: string, related: string[]): void {
  const reason = weakPasswordReason(password, related)
  if (reason) throw new ValidationError(`${field} ${reason}`, [{ path: field, message: reason }], 'weak_password')
}

/** Creates an account and signs it in; ConflictError when the email is taken in any letter case. */
export async function register(
  deps: AppDeps,
  input: { email: string; password: string; name: string; role: Role },
): Promise<Session> {
  assertStrong(input.password, 'password', [input.email, input.name])
  const password_hash = await hashPassword(input.password)
  const row = await users.insertUser(deps.db, { email: input.email, name: input.name, role: input.role, password_hash })
  if (!row) throw new ConflictError('an account with this email already exists', 'email_taken')
  return sessionFor(deps, row)
}

/**
 * Counts a password attempt on `row` before any hashing, so a locked account costs an attacker
 * one UPDATE, not a PBKDF2; RateLimitedError while it is locked.
 */
async function admitPasswordAttempt(deps: AppDeps, userId: string): Promise<void> {
  const now = deps.now()
  const { config } = deps
  const policy = { threshold: config.LOGIN_LOCKOUT_THRESHOLD, baseSeconds: config.LOGIN_LOCKOUT_BASE_SECONDS, maxSeconds: config.LOGIN_LOCKOUT_MAX_SECONDS }
  const attempt = await users.claimLoginAttempt(deps.db, userId, now, policy)
  if (attempt.allowed) return
  const seconds = Math.max(1, Math.ceil((attempt.lockedUntil.getTime() - now.getTime()) / 1000))
  const minutes = Math.ceil(seconds / 60)
  throw new RateLimitedError(
    `Too many failed sign-ins for this account; try again in ${minutes} minute${minutes === 1 ? '' : 's'}`,
    'account_locked',
    seconds,
  )
}

/**
 * Signs in; the same UnauthorizedError (and the same work) for unknown emails and wrong passwords.
 * Repeated failures lock the account (exponentially longer); a success clears the count.
 */
export async function login(deps: AppDeps, input: { email: string; password: string }): Promise<Session> {
  const row = await users.findUserByEmail(deps.db, input.email)
  if (row) await admitPasswordAttempt(deps, row.id)
  const ok = await verifyPassword(input.password, row?.password_hash ?? dummyPasswordHash())
  if (!row || !ok) throw new UnauthorizedError('email or password is incorrect', 'invalid_credentials')
  await users.clearLoginFailures(deps.db, row.id)
  // An older scheme (600,000 unpeppered iterations cannot run on Workers) is replaced now that we know the password.
  if (needsRehash(row.password_hash)) await users.upgradePasswordHash(deps.db, row.id, row.password_hash, await hashPassword(input.password))
  return sessionFor(deps, row)
}

/**
 * Changes the signed-in account's password after checking the current one (which counts towards
 * the lockout like a sign-in), revokes every older token and returns a fresh session.
 */
export async function changePassword(deps: AppDeps, userId: string, input: { current_password: string; new_password: string }): Promise<Session> {
  const row = await users.findUserById(deps.db, userId)
  if (!row) throw new UnauthorizedError('this session has ended; sign in again', 'invalid_token')
  assertStrong(input.new_password, 'new_password', [row.email, row.name])
  await admitPasswordAttempt(deps, row.id)
  if (!(await verifyPassword(input.current_password, row.password_hash))) {
    throw new ValidationError('current_password is not your current password', [{ path: 'current_password', message: 'is not your current password' }], 'wrong_password')
  }
  await users.clearLoginFailures(deps.db, row.id)
  // Guarded on the version read above: of changes sent at once one wins, the rest find their session ended.
  const updated = await users.replacePassword(deps.db, row.id, row.token_version, await hashPassword(input.new_password))
  if (!updated) throw new UnauthorizedError('this session has ended; sign in again', 'invalid_token')
  return sessionFor(deps, updated)
}

/** Signs the account out everywhere: every token issued until now stops working. */
export async function logoutEverywhere(deps: AppDeps, userId: string): Promise<void> {
  if (!(await users.bumpTokenVersion(deps.db, userId))) throw new UnauthorizedError('this session has ended; sign in again', 'invalid_token')
}

/** The signed-in user's profile; a token for a deleted account no longer works. */
export async function me(deps: AppDeps, userId: string): Promise<PublicUser> {
  const row = await users.findUserById(deps.db, userId)
  if (!row) throw new NotFoundError('this account no longer exists', 'user_not_found')
  return toPublic(row)
}
