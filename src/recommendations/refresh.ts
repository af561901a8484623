import type { AppDeps } from '../context'
import { sql } from 'kysely'
import { withTransaction } from '../db/transaction'
import { rebuildInterestGroups } from './interests.repository'
import { pruneSnapshots, rebuildPopularity, rebuildSimilarity } from './similarity.repository'
import { vocabulary } from './vocabulary'

const DAY_MS = 86_400_000
/** Co-visitation looks at the last year of history; popularity at the last 90 days. */
export const SIMILARITY_WINDOW_DAYS = 365
export const POPULARITY_WINDOW_DAYS = 90
/** Job kind of the recurring refresh (src/job-handlers.ts). */
export const REFRESH_RECOMMENDATIONS_JOB = 'refresh-recommendations'

/** Advisory lock key held by the refresh in progress ('recs' in ASCII). */
const REFRESH_LOCK_KEY = 0x72656373

/**
 * Rebuilds similarity, popularity and interest groups in one transaction (readers see the old tables until it
 * commits) and drops expired snapshots; returns the number of similarity rows, or null when another refresh
 * holds the lock. At a million storefronts a rebuild takes minutes: longer than the serving pool's statement
 * timeout (so the transaction sets its own, RECS_REFRESH_TIMEOUT_MS) and longer than a job's lease (so a
 * second runner that leases the job again finds the lock taken and skips instead of rebuilding alongside).
 */
export async function refreshRecommendations(deps: AppDeps): Promise<number | null> {
  const now = deps.now()
  return withTransaction(deps.db, async (trx) => {
    const lock = await sql<{ ok: boolean }>`SELECT pg_try_advisory_xact_lock(${REFRESH_LOCK_KEY}) AS ok`.execute(trx)
    if (!lock.rows[0]?.ok) return null
    await sql`SELECT set_config('statement_timeout', ${String(deps.config.RECS_REFRESH_TIMEOUT_MS)}, true)`.execute(trx)
    const pairs = await rebuildSimilarity(trx, new Date(now.getTime() - SIMILARITY_WINDOW_DAYS * DAY_MS))
    await rebuildPopularity(trx, new Date(now.getTime() - POPULARITY_WINDOW_DAYS * DAY_MS), now)
    await rebuildInterestGroups(trx, (await vocabulary(trx)).map((term) => term.tag), now)
    await pruneSnapshots(trx, now)
    return pairs
  })
}
