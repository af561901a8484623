import type { AppDeps } from '../context'
import type { Executor } from '../db/database'
import { UnauthorizedError } from '../errors'
import { type Affinity, affinities, inferInterests, type WeightedInterest } from './profile'
import { findProfileRows } from './profile.repository'
import { type InterestTerm, vocabulary } from './vocabulary'

/** Everything known about a user's tastes, respecting their personalisation switch. */
export interface UserProfile {
  personalisation: boolean
  historyClearedAt: Date | null
  history: Affinity[]
  chosen: string[]
  inferred: WeightedInterest[]
  /** With `options.excluded`: storefronts never to recommend to the user then. */
  excluded: string[]
}

/** The vocabulary's tags, as a set. */
export async function vocabularySet(db: Executor): Promise<Set<string>> {
  return new Set((await vocabulary(db)).map((t) => t.tag))
}

/**
 * The user's history (only when personalisation is on, and only since they last cleared it),
 * their chosen interests and the interests inferred from that history; with `options.terms` the
 * vocabulary the caller read, with `options.excluded` the places to leave out of recommendations at
 * `excluded.at` (`ownsStorefronts` for a merchant account, whose own storefronts are left out too).
 */
export async function loadProfile(deps: AppDeps, userId: string, options: { terms?: Promise<readonly InterestTerm[]>; excluded?: { at: Date; ownsStorefronts: boolean } } = {}): Promise<UserProfile> {
  const { terms, excluded } = options
  const settings = await findProfileRows(deps.db, userId, excluded)
  if (!settings) throw new UnauthorizedError('this session has ended; sign in again', 'invalid_token')
  const chosen = settings.chosen
  const history = settings.personalisation ? affinities(settings.signals) : []
  const inferred = history.length === 0 ? [] : inferInterests(history, new Set((await (terms ?? vocabulary(deps.db))).map((t) => t.tag)), new Set(chosen))
  return { personalisation: settings.personalisation, historyClearedAt: settings.history_cleared_at, history, chosen, inferred, excluded: settings.excluded ?? [] }
}
