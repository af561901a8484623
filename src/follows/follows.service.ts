import type { AppDeps, AuthUser } from '../context'
import { BadRequestError, ForbiddenError, ValidationError } from '../errors'
import { coverUrl, findOwnedMerchant, findVisibleMerchant } from '../merchants'
import type { FollowedStore, FollowerDays, FollowState } from './follows.schemas'
import * as follows from './follows.repository'

const DAY_MS = 24 * 60 * 60 * 1000
/** Longest range of GET /v1/merchants/:id/followers/daily. */
export const MAX_FOLLOWER_DAYS = 366

/**
 * Follows (`on`) or unfollows a visible storefront; idempotent. The count is kept by a trigger in
 * the same statement, so concurrent follows never lose or double an increment.
 */
export async function setFollow(deps: AppDeps, user: AuthUser, merchantId: string, on: boolean): Promise<FollowState> {
  const store = await findVisibleMerchant(deps.db, user, merchantId)
  if (on && store.owner_id === user.id) throw new ForbiddenError('you cannot follow your own storefront', 'own_storefront')
  if (on) await follows.insertFollow(deps.db, user.id, store.id, deps.now())
  else await follows.deleteFollow(deps.db, user.id, store.id)
  return { merchant_id: store.id, following: on, follower_count: await follows.followerCount(deps.db, store.id) }
}

/** Whether `user` follows the visible storefront, with its follower count. */
export async function followState(deps: AppDeps, user: AuthUser, merchantId: string): Promise<FollowState> {
  const store = await findVisibleMerchant(deps.db, user, merchantId)
  return { merchant_id: store.id, following: await follows.isFollowing(deps.db, user.id, store.id), follower_count: store.follower_count }
}

interface FollowingCursor {
  u: string
  k: follows.FollowingKey
}

/** Storefronts the caller follows, most recently followed first, keyset-paged. */
export async function listFollowing(deps: AppDeps, user: AuthUser, query: { cursor?: string; limit: number }) {
  let after: follows.FollowingKey | undefined
  if (query.cursor) {
    const cursor = await deps.cursors.decode<FollowingCursor>(query.cursor)
    if (cursor?.u !== user.id || !Array.isArray(cursor.k)) throw new BadRequestError('cursor belongs to another listing; start again from the first page', 'invalid_cursor')
    after = cursor.k
  }
  const rows = await follows.listFollowing(deps.db, user.id, after, query.limit + 1)
  const shown = rows.slice(0, query.limit)
  const last = shown[shown.length - 1]
  const data: FollowedStore[] = shown.map((r) => ({
    merchant: { id: r.merchant_id, name: r.name, category: r.category, cover_url: coverUrl(r.cover_key), follower_count: r.follower_count },
    followed_at: new Date(r.followed_at).toISOString(),
  }))
  const next_cursor = rows.length > query.limit && last ? await deps.cursors.encode({ u: user.id, k: [last.followed_key, last.merchant_id] } satisfies FollowingCursor) : null
  return { data, next_cursor }
}

/** The owner's follower count per UTC day, the last 30 days unless `from`/`to` say otherwise. */
export async function followerHistory(deps: AppDeps, user: AuthUser, merchantId: string, query: { from?: string; to?: string }): Promise<FollowerDays> {
  const store = await findOwnedMerchant(deps.db, user, merchantId)
  const to = query.to ?? deps.now().toISOString().slice(0, 10)
  const from = query.from ?? new Date(Date.parse(to) - 29 * DAY_MS).toISOString().slice(0, 10)
  if (Number.isNaN(Date.parse(from)) || Number.isNaN(Date.parse(to)) || from > to) {
    throw new ValidationError('Invalid range: from must be a real date not after to', [{ path: 'from', message: 'must be a real date not after to' }])
  }
  if ((Date.parse(to) - Date.parse(from)) / DAY_MS >= MAX_FOLLOWER_DAYS) {
    throw new ValidationError(`Invalid range: at most ${MAX_FOLLOWER_DAYS} days`, [{ path: 'from', message: `must be within ${MAX_FOLLOWER_DAYS} days of to` }])
  }
  const days = await follows.followerDays(deps.db, store.id, from, to)
  return { merchant_id: store.id, follower_count: store.follower_count, days }
}
