import type { AuthUser } from '../context'
import type { Executor } from '../db/database'
import { ForbiddenError, NotFoundError, ValidationError } from '../errors'
import { attachUploads } from '../uploads'
import type { ReviewRow } from './review.table'
import * as reviews from './reviews.repository'

/** How long after writing it the author may still edit a review. */
export const EDIT_WINDOW_MS = 30 * 24 * 60 * 60 * 1000
/** Distinct reporters that hide a review until its storefront's owner restores it (enforced by a trigger). */
export const REPORTS_TO_HIDE = 3

export const reviewNotFound = () => new NotFoundError('no review with this id', 'review_not_found')

/**
 * The review, or NotFoundError; a hidden review exists only for its author and, when
 * `ownerId` is given and owns its storefront, for that owner.
 */
export async function loadReview(db: Executor, id: string, viewer: Pick<AuthUser, 'id'> | undefined, options: { lock?: boolean | 'key-share'; ownerId?: string } = {}): Promise<ReviewRow> {
  const row = await reviews.findReview(db, id, options)
  if (!row) throw reviewNotFound()
  if (row.hidden_at !== null && row.author_id !== viewer?.id && !(options.ownerId && options.ownerId === viewer?.id)) throw reviewNotFound()
  return row
}

/** Throws unless `user` wrote the review. */
export function assertAuthor(row: ReviewRow, user: Pick<AuthUser, 'id'>): void {
  if (row.author_id !== user.id) throw new ForbiddenError('only the author of this review can do this', 'not_author')
}

/** Checks and attaches the author's photos for a review (422 naming photo_ids[i] when not theirs or already shown elsewhere). */
export async function attachReviewPhotos(db: Executor, input: { authorId: string; reviewId: string; ids: readonly string[]; now: Date }): Promise<void> {
  const { authorId, reviewId, ids, now } = input
  await attachUploads(db, { ownerId: authorId, ids, field: 'photo_ids', now })
  const used = await reviews.findPhotosInUse(db, ids, reviewId)
  const errors = ids.flatMap((id, i) => (used.has(id) ? [{ path: `photo_ids[${i}]`, message: 'is already shown in another review' }] : []))
  if (errors.length > 0) throw new ValidationError(`Invalid photo_ids: ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}`, errors)
  await reviews.replacePhotos(db, reviewId, ids)
}
