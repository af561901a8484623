import type { AppDeps, AuthUser } from '../context'
import { withTransaction } from '../db/transaction'
import { ConflictError } from '../errors'
import { assertAuthor, attachReviewPhotos, EDIT_WINDOW_MS, loadReview } from './review-rules'
import { presentReview } from './review-view'
import type { Review, UpdateReviewInput } from './reviews.schemas'
import * as reviews from './reviews.repository'

/** The author changes rating, text or photos within 30 days of writing; the rating follows. */
export async function editReview(deps: AppDeps, user: AuthUser, id: string, patch: UpdateReviewInput): Promise<Review> {
  const now = deps.now()
  await withTransaction(deps.db, async (trx) => {
    const row = await loadReview(trx, id, user, { lock: true })
    assertAuthor(row, user)
    if (now.getTime() - new Date(row.created_at).getTime() > EDIT_WINDOW_MS) {
      throw new ConflictError('reviews can be edited for 30 days after writing them', 'edit_window_closed')
    }
    if (patch.photo_ids) await attachReviewPhotos(trx, { authorId: user.id, reviewId: row.id, ids: patch.photo_ids, now })
    await reviews.updateReview(trx, row.id, {
      ...(patch.rating !== undefined ? { rating: patch.rating } : {}),
      ...(patch.text !== undefined ? { text: patch.text } : {}),
      ...(patch.photo_ids ? { photo_count: patch.photo_ids.length } : {}),
      edited_at: now,
    })
  })
  return (await presentReview(deps.db, id, user.id)) as Review
}

/** The author removes the review; the storefront's rating follows. */
export async function deleteReview(deps: AppDeps, user: AuthUser, id: string): Promise<void> {
  await withTransaction(deps.db, async (trx) => {
    const row = await loadReview(trx, id, user, { lock: true })
    assertAuthor(row, user)
    await reviews.deleteReview(trx, row.id)
  })
}
