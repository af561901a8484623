import type { AppDeps, AuthUser } from '../context'
import { ValidationError } from '../errors'
import type { Executor } from '../db/database'
import { findOwnedMerchant, readStorefront } from '../merchants'
import { presentReviews } from './review-view'
import type { InboxReview, Review } from './reviews.schemas'
import * as reviews from './reviews.repository'
import type { ReviewKey, ReviewListQuery, ReviewSort } from './reviews.repository'

export interface Page<T> {
  data: T[]
  next_cursor: string | null
}

interface PageCursor {
  /** The listing the cursor belongs to (storefront, author or inbox, sort, photo filter). */
  l: string
  k: ReviewKey
}

/** Runs one keyset page of `query`; the cursor is signed and bound to the listing that made it. */
async function page(deps: AppDeps, query: Omit<ReviewListQuery, 'after' | 'limit'>, input: { cursor?: string; limit: number }, db: Executor = deps.db) {
  const listing = [query.merchantId ?? '', query.authorId ?? '', query.sort, query.withPhotos ? 'p' : ''].join('|')
  let after: ReviewKey | undefined
  if (input.cursor) {
    const cursor = await deps.cursors.decode<PageCursor>(input.cursor)
    if (cursor?.l !== listing || !Array.isArray(cursor.k)) {
      const detail = 'cursor belongs to another listing; start again from the first page'
      throw new ValidationError(detail, [{ path: 'cursor', message: detail }], 'invalid_cursor')
    }
    after = cursor.k
  }
  const rows = await reviews.listReviews(db, { ...query, after, limit: input.limit + 1 })
  const shown = rows.slice(0, input.limit)
  const last = shown[shown.length - 1]
  const next = rows.length > input.limit && last ? await deps.cursors.encode({ l: listing, k: reviews.keyOf(last, query.sort) } satisfies PageCursor) : null
  return { rows: shown, next_cursor: next }
}

/** A published storefront's visible reviews, in `sort` order, keyset-paged. */
export async function listMerchantReviews(
  deps: AppDeps,
  viewer: AuthUser | undefined,
  merchantId: string,
  query: { sort: ReviewSort; with_photos?: 'true' | 'false'; cursor?: string; limit: number },
): Promise<Page<Review>> {
  // Anonymous readers get a replica; a signed-in caller may have just reviewed or voted: the primary.
  const { merchant: store, db } = await readStorefront(deps, viewer, merchantId, { signedInToPrimary: true })
  const { rows, next_cursor } = await page(deps, { merchantId: store.id, sort: query.sort, withPhotos: query.with_photos === 'true' }, query, db)
  return { data: await presentReviews(db, rows, viewer?.id), next_cursor }
}

/** The caller's own reviews, newest first (hidden ones included). */
export async function listMyReviews(deps: AppDeps, user: AuthUser, query: { cursor?: string; limit: number }): Promise<Page<Review>> {
  const { rows, next_cursor } = await page(deps, { authorId: user.id, sort: 'recent' }, query)
  return { data: await presentReviews(deps.db, rows, user.id), next_cursor }
}

/** The owner's inbox: every review of the storefront with reports and hidden state, unanswered first, then newest. */
export async function listInbox(deps: AppDeps, user: AuthUser, merchantId: string, query: { cursor?: string; limit: number }): Promise<Page<InboxReview>> {
  const store = await findOwnedMerchant(deps.db, user, merchantId)
  const { rows, next_cursor } = await page(deps, { merchantId: store.id, sort: 'inbox' }, query)
  return { data: await presentReviews(deps.db, rows, user.id, true), next_cursor }
}
