import type { AppDeps } from '../context'
import type { Executor } from '../db/database'
import { UnauthorizedError } from '../errors'
import { type Affinity, affinities, inferInterests, type WeightedInterest } from './profile'
import { findProfileRows } from './profile.repository'
import { vocabulary } from './vocabulary'

/** Everything known about a user's tastes, respecting their personalisation switch. */
export interface UserProfile {
  personalisation: boolean
  historyClearedAt: Date | null
  history: Affinity[]
  chosen: string[]
  inferred: WeightedInterest[]
}

/** The vocabulary's tags, as a set. */
export async function vocabularySet(db: Executor): Promise<Set<string>> {
  return new Set((await vocabulary(db)).map((t) => t.tag))
}

/**
 * The user's history (only when personalisation is on, and only since they last cleared it),
 * their chosen interests and the interests inferred from that history.
 */
export async function loadProfile(deps: AppDeps, userId: string): Promise<UserProfile> {
  const settings = await findProfileRows(deps.db, userId)
  if (!settings) throw new UnauthorizedError('this session has ended; sign in again', 'invalid_token')
  const chosen = settings.chosen
  const history = settings.personalisation ? affinities(settings.signals) : []
  const inferred = history.length > 0 ? inferInterests(history, await vocabularySet(deps.db), new Set(chosen)) : []
  return { personalisation: settings.personalisation, historyClearedAt: settings.history_cleared_at, history, chosen, inferred }
}
