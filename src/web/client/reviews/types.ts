/**
 * The review and photo shapes the browser reads, derived from the server's own zod schemas
 * (type-only imports: nothing of the server is bundled), so a change to the API's shape fails
 * the type check here instead of drifting. Everything under reviews/ and the merchant inbox
 * imports them from this one module.
 */
import type { z } from 'zod'
import type { StorefrontSchema } from '../../../merchants/merchants.schemas'
import type { CreateReviewSchema, InboxReviewSchema, ListReviewsQuery, ReviewSchema } from '../../../reviews/reviews.schemas'

/** A review as GET /v1/merchants/:id/reviews and the review writes return it. */
export type Review = z.output<typeof ReviewSchema>
/** A review in the storefront owner's inbox, with its moderation state. */
export type InboxReview = z.output<typeof InboxReviewSchema>
/** An uploaded image: `url` is the large version, `thumbnail_url` a small one (both under /media/). */
export type Photo = Review['photos'][number]
/** What the write endpoints accept (POST /v1/orders/:id/review, PATCH /v1/reviews/:id). */
export type ReviewInput = z.input<typeof CreateReviewSchema>
export type ReviewSort = NonNullable<z.input<typeof ListReviewsQuery>['sort']>
/** The rating fields a storefront carries. */
export type RatingSummary = Pick<z.output<typeof StorefrontSchema>, 'rating_avg' | 'review_count' | 'rating_counts' | 'share_url'>

/** One page of a keyset-paged list. */
export interface Page<T> {
  data: T[]
  next_cursor: string | null
}

/** A star count as the picker offers it, best first. */
export type Rating = 1 | 2 | 3 | 4 | 5
export const RATINGS: readonly Rating[] = [5, 4, 3, 2, 1]
