import type { Executor } from '../db/database'
import { presentReviews } from './review-view'
import type { Review } from './reviews.schemas'
import * as reviews from './reviews.repository'

/** The newest visible reviews of a storefront, as anyone may see them. */
export async function latestPublicReviews(db: Executor, merchantId: string, limit: number): Promise<Review[]> {
  const rows = await reviews.listReviews(db, { merchantId, sort: 'recent', limit })
  return presentReviews(db, rows, undefined)
}

/** A visible review of `merchantId`, as anyone may see it; undefined otherwise. */
export async function findPublicReview(db: Executor, merchantId: string, reviewId: string): Promise<Review | undefined> {
  const row = await reviews.findReview(db, reviewId)
  if (!row || row.merchant_id !== merchantId || row.hidden_at !== null) return undefined
  const [review] = await presentReviews(db, await reviews.findListRows(db, [row.id]), undefined)
  return review
}
