import { sql } from 'kysely'
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
