import type { AppDeps, AuthUser } from '../context'
import { withTransaction } from '../db/transaction'
import { ConflictError, ForbiddenError, NotFoundError } from '../errors'
import type { Executor } from '../db/database'
import { assertOwner, merchantsRepository } from '../merchants'
import { loadReview, reviewNotFound } from './review-rules'
import { presentReview } from './review-view'
import type { Review } from './reviews.schemas'
import * as reviews from './reviews.repository'

/**
 * A review for its storefront's owner to act on: one read of each row. A hidden review stays 404
 * to everyone but the owner and its author; anyone but the owner gets 403.
 */
async function loadReviewForOwner(db: Executor, id: string, user: AuthUser) {
  // Key-share: the review cannot be deleted under the reply or restore (a reply's foreign key would break).
  const row = await reviews.findReview(db, id, { lock: 'key-share' })
  if (!row) throw reviewNotFound()
  const store = await merchantsRepository.findMerchantById(db, row.merchant_id)
  if (!store || (row.hidden_at !== null && store.owner_id !== user.id && row.author_id !== user.id)) throw reviewNotFound()
  assertOwner(store, user)
  return row
}

/**
 * Reports a review, once per user; the third distinct reporter hides it from listings and the
 * rating (a trigger decides, so concurrent reports count exactly). Authors cannot report their own.
 */
export async function reportReview(deps: AppDeps, user: AuthUser, id: string, reason: string): Promise<{ review_id: string; reason: string }> {
  return withTransaction(deps.db, async (trx) => {
    const row = await loadReview(trx, id, user, { lock: 'key-share' })
    if (row.author_id === user.id) throw new ForbiddenError('you cannot report your own review', 'own_review')
    if (!(await reviews.insertReport(trx, row.id, user.id, reason))) {
      throw new ConflictError('you already reported this review', 'already_reported')
    }
    return { review_id: row.id, reason }
  })
}

/** The storefront owner shows a hidden review again; later reports no longer hide it. */
export async function restoreReview(deps: AppDeps, user: AuthUser, id: string): Promise<Review> {
  await withTransaction(deps.db, async (trx) => {
    const row = await loadReviewForOwner(trx, id, user)
    if (!(await reviews.restoreReview(trx, row.id, deps.now()))) throw new ConflictError('this review is not hidden', 'not_hidden')
  })
  return (await presentReview(deps.db, id, user.id)) as Review
}

/** The storefront owner writes or edits their one reply to a review. */
export async function putReply(deps: AppDeps, user: AuthUser, id: string, text: string): Promise<Review> {
  await withTransaction(deps.db, async (trx) => {
    const row = await loadReviewForOwner(trx, id, user)
    await reviews.upsertReply(trx, { review_id: row.id, author_id: user.id, text, at: deps.now() })
  })
  return (await presentReview(deps.db, id, user.id)) as Review
}

/** The storefront owner removes their reply. */
export async function deleteReply(deps: AppDeps, user: AuthUser, id: string): Promise<void> {
  await withTransaction(deps.db, async (trx) => {
    const row = await loadReviewForOwner(trx, id, user)
    if (!(await reviews.deleteReply(trx, row.id))) throw new NotFoundError('this review has no reply', 'reply_not_found')
  })
}
