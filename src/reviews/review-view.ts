import type { Executor } from '../db/database'
import { toPhoto } from '../uploads'
import type { InboxReview, Review } from './reviews.schemas'
import * as reviews from './reviews.repository'
import type { ReviewListRow } from './reviews.repository'

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString())

/** The public link of a review. */
export function reviewShareUrl(merchantId: string, reviewId: string): string {
  return `/s/${merchantId}/reviews/${reviewId}`
}

/**
 * Presents rows as the API shows them to `viewerId` (photos, whether the viewer found each
 * helpful), with the moderation state when `forOwner`.
 */
export async function presentReviews(db: Executor, rows: ReviewListRow[], viewerId: string | undefined): Promise<Review[]>
export async function presentReviews(db: Executor, rows: ReviewListRow[], viewerId: string | undefined, forOwner: true): Promise<InboxReview[]>
export async function presentReviews(db: Executor, rows: ReviewListRow[], viewerId: string | undefined, forOwner = false): Promise<Review[] | InboxReview[]> {
  const ids = rows.map((r) => r.id)
  // photo_count is written with the photos in one transaction (and already decides with_photos), so
  // a page without photos, most pages, skips that round trip.
  const withPhotos = rows.filter((r) => r.photo_count > 0).map((r) => r.id)
  const [photos, voted] = await Promise.all([
    reviews.findPhotos(db, withPhotos),
    viewerId ? reviews.findVotedIds(db, ids, viewerId) : Promise.resolve(new Set<string>()),
  ])
  return rows.map((row) => {
    const review: Review = {
      id: row.id,
      merchant_id: row.merchant_id,
      rating: row.rating,
      text: row.text,
      photos: photos.filter((p) => p.review_id === row.id).map(toPhoto),
      author: { display_name: row.author_name },
      visit: { visited_at: iso(row.visited_at) as string, items: row.visit_items },
      created_at: iso(row.created_at) as string,
      edited_at: iso(row.edited_at),
      helpful_count: row.helpful_count,
      viewer_found_helpful: voted.has(row.id),
      reply: row.reply_text === null ? null : { text: row.reply_text, created_at: iso(row.reply_created_at) as string, edited_at: iso(row.reply_edited_at) },
      share_url: reviewShareUrl(row.merchant_id, row.id),
    }
    return forOwner ? { ...review, report_count: row.report_count, hidden: row.hidden_at !== null } : review
  })
}

/** One review by id, presented; undefined when it is gone. */
export async function presentReview(db: Executor, id: string, viewerId: string | undefined): Promise<Review | undefined> {
  const rows = await reviews.findListRows(db, [id])
  return (await presentReviews(db, rows, viewerId))[0]
}
