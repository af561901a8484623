import { sql } from 'kysely'
import { PREPARED } from '../db/client'
import type { Executor } from '../db/database'
import { excludedStorefronts, type PersonalisationRow, type SignalRow, signalsSince } from './signals.repository'

/** Everything loadProfile reads about a user, from one query. */
export interface ProfileRows extends PersonalisationRow {
  chosen: string[]
  /** The user's signals since they last cleared their history; empty while personalisation is off. */
  signals: SignalRow[]
  /** With `excluded`: the storefronts never to recommend to the user at that moment (signals.excludedStorefronts). */
  excluded?: string[]
}

/**
 * The personalisation settings, chosen interests and (when personalisation is on) the signals
 * since history_cleared_at in one round trip, and with `excluded` the storefronts left out of
 * recommendations at `excluded.at`; undefined when the account no longer exists.
 */
export async function findProfileRows(
  db: Executor, userId: string, excluded?: { at: Date; ownsStorefronts: boolean },
): Promise<ProfileRows | undefined> {
  const result = await sql<Omit<ProfileRows, 'signals'> & { signals: Array<Omit<SignalRow, 'last_at'> & { last_at: string }> }>`${sql.raw(PREPARED)}
    SELECT u.personalisation, u.history_cleared_at,
      ARRAY(SELECT i.tag FROM user_interests i WHERE i.user_id = u.id ORDER BY i.tag) AS chosen,
      CASE WHEN u.personalisation THEN (
        SELECT coalesce(json_agg(s), '[]') FROM (${signalsSince(userId, sql`coalesce(u.history_cleared_at, 'epoch'::timestamptz)`)}) s
      ) ELSE '[]' END AS signals
      ${excluded ? sql`, ARRAY(${excludedStorefronts(userId, excluded.at, excluded.ownsStorefronts)})::text[] AS excluded` : sql``}
    FROM users u WHERE u.id = ${userId}`.execute(db)
  const row = result.rows[0]
  if (!row) return undefined
  return { ...row, signals: row.signals.map((s) => ({ ...s, last_at: new Date(s.last_at) })) }
}
