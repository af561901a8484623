import type { ColumnType, Generated, Selectable } from 'kysely'

/** One line of the visit a review verifies, copied from the completed order. */
export interface VisitItem {
  name: string
  quantity: number
}

/** A review of a completed order; one per order. Hidden reviews (`hidden_at`) leave listings and ratings. */
export interface ReviewTable {
  id: Generated<string>
  order_id: string
  merchant_id: string
  author_id: string
  rating: number
  text: string
  photo_count: ColumnType<number, number | undefined, number>
  visited_at: Date
  visit_items: ColumnType<VisitItem[], string, string>
  created_at: ColumnType<Date, Date | undefined, never>
  edited_at: Date | null
  helpful_count: ColumnType<number, never, never>
  report_count: ColumnType<number, never, never>
  hidden_at: Date | null
  restored_at: Date | null
}

export interface ReviewPhotoTable {
  review_id: string
  position: number
  upload_id: string
}

export interface ReviewHelpfulVoteTable {
  review_id: string
  user_id: string
  created_at: ColumnType<Date, Date | undefined, never>
}

export interface ReviewReportTable {
  review_id: string
  user_id: string
  reason: string
  created_at: ColumnType<Date, Date | undefined, never>
}

export interface ReviewReplyTable {
  review_id: string
  author_id: string
  text: string
  created_at: ColumnType<Date, Date | undefined, never>
  edited_at: Date | null
}

/** The tables owned by reviews. */
export interface ReviewTables {
  reviews: ReviewTable
  review_photos: ReviewPhotoTable
  review_helpful_votes: ReviewHelpfulVoteTable
  review_reports: ReviewReportTable
  review_replies: ReviewReplyTable
}

export type ReviewRow = Selectable<ReviewTable>
