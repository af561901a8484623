/**
 * The review and photo shapes the browser reads, as agreed in the reviews contract (issue 11).
 * The one place these are declared on the client: everything under reviews/ and the merchant
 * inbox imports them from here.
 */

/** An uploaded image: `url` is the large version, `thumbnail_url` a small one (both under /media/). */
export interface Photo {
  id: string
  url: string
  thumbnail_url: string
  width: number
  height: number
}

export type Rating = 1 | 2 | 3 | 4 | 5
export const RATINGS: readonly Rating[] = [5, 4, 3, 2, 1]

/** How many visible reviews gave each star count. */
export type RatingCounts = Record<'1' | '2' | '3' | '4' | '5', number>

/** A review as GET /v1/merchants/:id/reviews and the review writes return it. */
export interface Review {
  id: string
  merchant_id: string
  rating: Rating
  text: string
  photos: Photo[]
  author: { display_name: string }
  /** The redeemed order behind the review: the "verified visit". */
  visit: { visited_at: string; items: Array<{ name: string; quantity: number }> }
  created_at: string
  edited_at: string | null
  helpful_count: number
  viewer_found_helpful: boolean
  reply: { text: string; created_at: string; edited_at: string | null } | null
  /** Absolute path; made absolute with location.origin before sharing. */
  share_url: string
}

/** A review in the storefront owner's inbox. */
export interface InboxReview extends Review {
  report_count: number
  hidden: boolean
}

/** One page of a keyset-paged list. */
export interface Page<T> {
  data: T[]
  next_cursor: string | null
}

export type ReviewSort = 'recent' | 'helpful' | 'rating_high' | 'rating_low'

/** The rating fields a storefront carries. */
export interface RatingSummary {
  rating_avg: number | null
  review_count: number
  rating_counts: RatingCounts
  share_url: string
}

/** What the write endpoints accept (POST /v1/orders/:id/review, PATCH /v1/reviews/:id). */
export interface ReviewInput {
  rating: Rating
  text: string
  photo_ids: string[]
}
