import { sql } from 'kysely'
import { PREPARED } from '../db/client'
import type { Executor } from '../db/database'
import type { Role, UserRow } from './user.table'

/** Inserts a user; returns null when the email is taken in any letter case. */
export async function insertUser(
  db: Executor,
  row: { email: string; name: string; role: Role; password_hash: string },
): Promise<UserRow | null> {
  const inserted = await db
    .insertInto('users')
    .values(row)
    .onConflict((oc) => oc.expression(sql`lower(email)`).doNothing())
    .returningAll()
    .executeTakeFirst()
  return inserted ?? null
}

/** Finds a user by email, ignoring letter case. */
export async function findUserByEmail(db: Executor, email: string): Promise<UserRow | undefined> {
  return db
    .selectFrom('users')
    .selectAll()
    .where(sql<string>`lower(email)`, '=', email.toLowerCase())
    .executeTakeFirst()
}

export async function findUserById(db: Executor, id: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst()
}

/**
 * What checking a token needs: the account's role and current token version (primary-key read).
 * Prepared: every signed-in request runs it, and parsing it cost more than running it.
 */
export async function findTokenState(db: Executor, id: string): Promise<Pick<UserRow, 'id' | 'role' | 'token_version'> | undefined> {
  const result = await sql<Pick<UserRow, 'id' | 'role' | 'token_version'>>`${sql.raw(PREPARED)}
    SELECT id, role, token_version FROM users WHERE id = ${id}`.execute(db)
  return result.rows[0]
}

export interface LockoutPolicy {
  threshold: number
  baseSeconds: number
  maxSeconds: number
}

/**
 * Counts a sign-in attempt before the password is checked, in one guarded UPDATE: refused (with
 * the lock's end) while the account is locked; otherwise counted, and from the `threshold`-th
 * attempt on the account locks for baseSeconds·2^(attempts−threshold), at most maxSeconds, until a
 * success clears it. Concurrent attempts cannot slip past the lock: each one takes its own turn.
 */
export async function claimLoginAttempt(
  db: Executor,
  userId: string,
  now: Date,
  policy: LockoutPolicy,
): Promise<{ allowed: true } | { allowed: false; lockedUntil: Date }> {
  const claimed = await sql<{ failed_logins: number }>`
    UPDATE users SET
      failed_logins = failed_logins + 1,
      login_locked_until = CASE WHEN failed_logins + 1 >= ${policy.threshold}
        THEN ${now}::timestamptz + make_interval(secs => LEAST(${policy.maxSeconds}::float8,
          ${policy.baseSeconds}::float8 * power(2, LEAST(failed_logins + 1 - ${policy.threshold}, 40))))
        ELSE NULL END
    WHERE id = ${userId} AND (login_locked_until IS NULL OR login_locked_until <= ${now})
    RETURNING failed_logins`.execute(db)
  if (claimed.rows.length) return { allowed: true }
  const row = await db.selectFrom('users').select('login_locked_until').where('id', '=', userId).executeTakeFirst()
  if (!row?.login_locked_until) return { allowed: true } // deleted or unlocked meanwhile
  return { allowed: false, lockedUntil: new Date(row.login_locked_until) }
}

/** A successful sign-in: the failure count and any lock start over. */
export async function clearLoginFailures(db: Executor, userId: string): Promise<void> {
  await db.updateTable('users').set({ failed_logins: 0, login_locked_until: null }).where('id', '=', userId).execute()
}

/**
 * Stores a new password hash and revokes every token issued so far; returns the updated account.
 * Only while the account is at `tokenVersion` (the one the current password was checked against):
 * after another change or a sign-out everywhere it changes nothing and returns undefined.
 */
export async function replacePassword(db: Executor, userId: string, tokenVersion: number, passwordHash: string): Promise<UserRow | undefined> {
  return db
    .updateTable('users')
    .set((eb) => ({ password_hash: passwordHash, token_version: eb('token_version', '+', 1) }))
    .where('id', '=', userId)
    .where('token_version', '=', tokenVersion)
    .returningAll()
    .executeTakeFirst()
}

/** Swaps a verified hash for a stronger one of the same password; a no-op if the password changed meanwhile. Tokens stay valid. */
export async function upgradePasswordHash(db: Executor, userId: string, oldHash: string, newHash: string): Promise<void> {
  await db.updateTable('users').set({ password_hash: newHash }).where('id', '=', userId).where('password_hash', '=', oldHash).execute()
}

/** Revokes every token issued so far (sign out everywhere); false when the account is gone. */
export async function bumpTokenVersion(db: Executor, userId: string): Promise<boolean> {
  const result = await db
    .updateTable('users')
    .set((eb) => ({ token_version: eb('token_version', '+', 1) }))
    .where('id', '=', userId)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) > 0
}
