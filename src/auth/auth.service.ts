import type { AppDeps } from '../context'
import { ConflictError, NotFoundError, UnauthorizedError } from '../errors'
import { DUMMY_PASSWORD_HASH, hashPassword, verifyPassword } from './password'
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
  const token = await issueToken({ id: row.id, role: row.role }, deps.jwtSecret, deps.config.JWT_TTL_SECONDS, deps.now())
  return { token, user: toPublic(row) }
}

/** Creates an account and signs it in; ConflictError when the email is taken in any letter case. */
export async function register(
  deps: AppDeps,
  input: { email: string; password: string; name: string; role: Role },
): Promise<Session> {
  const password_hash = await hashPassword(input.password)
  const row = await users.insertUser(deps.db, { email: input.email, name: input.name, role: input.role, password_hash })
  if (!row) throw new ConflictError('an account with this email already exists', 'email_taken')
  return sessionFor(deps, row)
}

/** Signs in; the same UnauthorizedError (and the same work) for unknown emails and wrong passwords. */
export async function login(deps: AppDeps, input: { email: string; password: string }): Promise<Session> {
  const row = await users.findUserByEmail(deps.db, input.email)
  const ok = await verifyPassword(input.password, row?.password_hash ?? DUMMY_PASSWORD_HASH)
  if (!row || !ok) throw new UnauthorizedError('email or password is incorrect', 'invalid_credentials')
  return sessionFor(deps, row)
}

/** The signed-in user's profile; a token for a deleted account no longer works. */
export async function me(deps: AppDeps, userId: string): Promise<PublicUser> {
  const row = await users.findUserById(deps.db, userId)
  if (!row) throw new NotFoundError('this account no longer exists', 'user_not_found')
  return toPublic(row)
}
