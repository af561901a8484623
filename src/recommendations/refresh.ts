import type { AppDeps } from '../context'
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

/**
 * Rebuilds similarity, popularity and interest groups in one transaction (readers see the old tables until it
 * commits) and drops expired snapshots; returns the number of similarity rows.
 */
export async function refreshRecommendations(deps: AppDeps): Promise<number> {
  const now = deps.now()
  return withTransaction(deps.db, async (trx) => {
    const pairs = await rebuildSimilarity(trx, new Date(now.getTime() - SIMILARITY_WINDOW_DAYS * DAY_MS))
    await rebuildPopularity(trx, new Date(now.getTime() - POPULARITY_WINDOW_DAYS * DAY_MS), now)
    await rebuildInterestGroups(trx, (await vocabulary(trx)).map((term) => term.tag), now)
    await pruneSnapshots(trx, now)
    return pairs
  })
}
