import type { AppDeps, AuthUser } from '../context'
import { withTransaction } from '../db/transaction'
import { UnauthorizedError, ValidationError } from '../errors'
import { findVisibleMerchant } from '../merchants'
import * as interestsRepository from './interests.repository'
import { loadProfile, vocabularySet } from './profile.service'
import type { Interests } from './recommendations.schemas'
import * as signals from './signals.repository'
import * as snapshots from './snapshots.repository'

function settingsView(row: signals.PersonalisationRow | undefined) {
  if (!row) throw new UnauthorizedError('this session has ended; sign in again', 'invalid_token')
  return { personalisation: row.personalisation, history_cleared_at: row.history_cleared_at ? new Date(row.history_cleared_at).toISOString() : null }
}

/** Counts a signed-in view of a visible storefront, once per UTC day; nothing is kept when personalisation is off. */
export async function recordView(deps: AppDeps, user: AuthUser, merchantId: string) {
  const store = await findVisibleMerchant(deps.db, user, merchantId)
  const settings = await signals.findSettings(deps.db, user.id)
  const recorded = settings?.personalisation === true && (await signals.recordView(deps.db, user.id, store.id, deps.now()))
  return { merchant_id: store.id, recorded }
}

/** Turns history-based personalisation on or off; off also ends the cursors of lists built from history. */
export async function setPersonalisation(deps: AppDeps, user: AuthUser, on: boolean) {
  return withTransaction(deps.db, async (trx) => {
    const row = await signals.setPersonalisation(trx, user.id, on)
    if (!on) await snapshots.deleteUserSnapshots(trx, user.id)
    return settingsView(row)
  })
}

/** Forgets the user's views and stops every earlier order, review, follow and claim counting as a signal. */
export async function clearHistory(deps: AppDeps, user: AuthUser) {
  await withTransaction(deps.db, async (trx) => {
    await signals.clearHistory(trx, user.id, deps.now())
    await snapshots.deleteUserSnapshots(trx, user.id)
  })
  return settingsView(await signals.findSettings(deps.db, user.id))
}

/** "Not interested" (`hidden` true) or shown again. */
export async function setHidden(deps: AppDeps, user: AuthUser, merchantId: string, hidden: boolean) {
  const store = await findVisibleMerchant(deps.db, user, merchantId)
  if (hidden) await signals.hideStorefront(deps.db, user.id, store.id, deps.now())
  else await signals.unhideStorefront(deps.db, user.id, store.id)
  return { merchant_id: store.id, hidden }
}

/** The chosen interests and those inferred from history (rounded shares). */
export async function getInterests(deps: AppDeps, user: AuthUser): Promise<Interests> {
  const profile = await loadProfile(deps, user.id)
  return { chosen: profile.chosen, personalisation: profile.personalisation, inferred: profile.inferred.map((i) => ({ tag: i.tag, share: Math.round(i.weight * 100) / 100 })) }
}

/** Replaces the chosen interests; each must be in the vocabulary (GET /v1/interests). */
export async function putInterests(deps: AppDeps, user: AuthUser, tags: string[]): Promise<Interests> {
  const known = await vocabularySet(deps.db)
  const errors = tags.flatMap((tag, i) => (known.has(tag) ? [] : [{ path: `${i}`, message: `'${tag}' is not an interest; see GET /v1/interests` }]))
  if (errors.length > 0) throw new ValidationError(`Unknown interest: ${errors.map((e) => e.message).join('; ')}`, errors, 'unknown_interest')
  const unique = [...new Set(tags)]
  await withTransaction(deps.db, (trx) => interestsRepository.replaceInterests(trx, user.id, unique, deps.now()))
  return getInterests(deps, user)
}
