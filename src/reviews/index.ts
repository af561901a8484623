/** What other features use from reviews: which orders have one, public reads and links. */
export { findReviewIdsByOrder } from './reviews.repository'
export { reviewShareUrl } from './review-view'
export { findPublicReview, latestPublicReviews } from './public-reviews'
export type { Review } from './reviews.schemas'
