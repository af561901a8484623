/** What other features use from reviews: which orders have one, and the public links. */
export { findReviewIdsByOrder } from './reviews.repository'
export { reviewShareUrl } from './review-view'
