import { sql } from 'kysely'
import type { Executor } from '../db/database'
import type { UserEventRow, UserEventType } from './user-event.table'

/** The NOTIFY channel every process listens on for new user_events rows. */
export const EVENTS_CHANNEL = 'o2o_user_events'

/** What a notification carries: the new row's id and its audience (a user, or a storefront's followers). */
export interface EventNotice {
  id: number
  user_id: string | null
  merchant_id: string | null
}

/**
 * Records an event and NOTIFYs the listeners; both take effect when the caller's transaction
 * commits (Postgres delivers notifications on commit), so a rolled-back change raises nothing.
 */
export async function insertEvent(
  db: Executor,
  event: { userId?: string; merchantId?: string; type: UserEventType; payload: Record<string, unknown>; now?: Date },
): Promise<number> {
  const row = await db
    .insertInto('user_events')
    .values({ user_id: event.userId ?? null, merchant_id: event.merchantId ?? null, type: event.type, payload: JSON.stringify(event.payload), created_at: event.now })
    .returning('id')
    .executeTakeFirstOrThrow()
  const notice: EventNotice = { id: Number(row.id), user_id: event.userId ?? null, merchant_id: event.merchantId ?? null }
  await sql`SELECT pg_notify(${EVENTS_CHANNEL}, ${JSON.stringify(notice)})`.execute(db)
  return Number(row.id)
}

/** The user who owns a storefront (the audience of its order events). */
export async function storefrontOwner(db: Executor, merchantId: string): Promise<string | undefined> {
  const row = await db.selectFrom('merchants').select('owner_id').where('id', '=', merchantId).executeTakeFirst()
  return row?.owner_id ?? undefined
}

/** One event row by id. */
export async function findEvent(db: Executor, id: number): Promise<UserEventRow | undefined> {
  return db.selectFrom('user_events').selectAll().where('id', '=', id).executeTakeFirst()
}

/**
 * Events for `userId` after `afterId` and not older than `since`, oldest first: their own and
 * those of storefronts they follow now (read from the storefronts, not copied to each follower).
 */
export async function eventsSince(db: Executor, userId: string, afterId: number, since: Date, limit: number): Promise<UserEventRow[]> {
  const result = await sql<UserEventRow>`
    SELECT * FROM (
      SELECT e.* FROM user_events e WHERE e.user_id = ${userId} AND e.id > ${afterId} AND e.created_at >= ${since}
      UNION ALL
      SELECT e.* FROM follows f CROSS JOIN LATERAL (
        SELECT * FROM user_events e WHERE e.merchant_id = f.merchant_id AND e.id > ${afterId} AND e.created_at >= ${since}
      ) e WHERE f.user_id = ${userId}
    ) u ORDER BY id LIMIT ${limit}`.execute(db)
  return result.rows
}

/** Deletes events older than `before` (the replay window); returns how many. */
export async function pruneEvents(db: Executor, before: Date): Promise<number> {
  const result = await db.deleteFrom('user_events').where('created_at', '<', before).executeTakeFirst()
  return Number(result.numDeletedRows)
}
