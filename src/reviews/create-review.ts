import type { AppDeps, AuthUser } from '../context'
import { withTransaction } from '../db/transaction'
import { ConflictError, ForbiddenError, NotFoundError } from '../errors'
import { attachReviewPhotos } from './review-rules'
import { presentReview } from './review-view'
import type { CreateReviewInput, Review } from './reviews.schemas'
import * as reviews from './reviews.repository'

/**
 * Reviews a completed order: only its consumer, once (the UNIQUE order_id decides between two
 * concurrent attempts), never the storefront's owner. The storefront's rating follows in the
 * same transaction (database trigger).
 */
export async function createReview(deps: AppDeps, user: AuthUser, orderId: string, input: CreateReviewInput): Promise<Review> {
  const now = deps.now()
  const id = await withTransaction(deps.db, async (trx) => {
    const order = await reviews.findReviewableOrder(trx, orderId)
    if (!order) throw new NotFoundError('no such order', 'order_not_found')
    if (order.owner_id === user.id) throw new ForbiddenError('you cannot review your own storefront', 'own_storefront')
    if (order.consumer_id !== user.id) throw new NotFoundError('no such order', 'order_not_found')
    if (order.status !== 'completed' || !order.visited_at) {
      throw new ConflictError(`this order is ${order.status.replace(/_/g, ' ')}; you can review it once it has been redeemed in store`, 'order_not_completed')
    }
    const photoIds = input.photo_ids ?? []
    const row = await reviews.insertReview(trx, {
      order_id: order.id,
      merchant_id: order.merchant_id,
      author_id: user.id,
      rating: input.rating,
      text: input.text,
      photo_count: photoIds.length,
      visited_at: order.visited_at,
      visit_items: await reviews.findVisitItems(trx, order.id),
      created_at: now,
    })
    if (!row) throw new ConflictError('you already reviewed this order; edit that review instead', 'already_reviewed')
    if (photoIds.length > 0) await attachReviewPhotos(trx, { authorId: user.id, reviewId: row.id, ids: photoIds, now })
    return row.id
  })
  return (await presentReview(deps.db, id, user.id)) as Review
}
