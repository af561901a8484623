import { z } from '@hono/zod-openapi'
import { text as multiLine } from '../http/text'
import { PhotoSchema } from '../uploads'
import { REVIEW_SORTS } from './reviews.repository'

const text = (max: number) => multiLine().max(max, `must be at most ${max} characters`)

const PhotoIds = z.array(z.uuid('must be an upload id')).max(9, 'at most 9 photos')
const Rating = z.number().int('must be a whole number of stars').min(1, 'must be 1 to 5').max(5, 'must be 1 to 5')

/** Body of POST /v1/orders/:id/review. */
export const CreateReviewSchema = z
  .strictObject({ rating: Rating, text: text(2000).default(''), photo_ids: PhotoIds.optional() })
  .openapi('CreateReviewRequest', { example: { rating: 5, text: 'Great latte, friendly staff.', photo_ids: [] } })

/** Body of PATCH /v1/reviews/:id: any subset; photo_ids replaces the photos. */
export const UpdateReviewSchema = z
  .strictObject({ rating: Rating.optional(), text: text(2000).optional(), photo_ids: PhotoIds.optional() })
  .refine((p) => Object.keys(p).length > 0, 'send at least one field to change')
  .openapi('UpdateReviewRequest')

export const ReportSchema = z
  .strictObject({ reason: text(500).trim().min(1, 'say what is wrong with this review') })
  .openapi('ReportReviewRequest', { example: { reason: 'Spam: advertises another shop' } })

export const ReplySchema = z
  .strictObject({ text: text(2000).trim().min(1, 'is required') })
  .openapi('ReviewReplyRequest', { example: { text: 'Thank you, see you again soon!' } })

/** A review as every endpoint returns it. */
export const ReviewSchema = z
  .object({
    id: z.uuid(),
    merchant_id: z.uuid(),
    rating: z.number().int(),
    text: z.string(),
    photos: z.array(PhotoSchema),
    author: z.object({ display_name: z.string() }),
    visit: z.object({
      visited_at: z.string().openapi({ format: 'date-time', description: 'When the order was redeemed in store' }),
      items: z.array(z.object({ name: z.string(), quantity: z.number().int() })),
    }),
    created_at: z.string().openapi({ format: 'date-time' }),
    edited_at: z.string().nullable().openapi({ format: 'date-time' }),
    helpful_count: z.number().int(),
    viewer_found_helpful: z.boolean(),
    reply: z
      .object({ text: z.string(), created_at: z.string().openapi({ format: 'date-time' }), edited_at: z.string().nullable().openapi({ format: 'date-time' }) })
      .nullable(),
    share_url: z.string().openapi({ example: '/s/5b6f0c1e-8a55-4f1e-9a43-2f7c9d1e0b11/reviews/0c9d…' }),
  })
  .openapi('Review')

export const InboxReviewSchema = ReviewSchema.extend({ report_count: z.number().int(), hidden: z.boolean() }).openapi('InboxReview')
export const ReviewPageSchema = z.object({ data: z.array(ReviewSchema), next_cursor: z.string().nullable() }).openapi('ReviewPage')
export const InboxPageSchema = z.object({ data: z.array(InboxReviewSchema), next_cursor: z.string().nullable() }).openapi('ReviewInboxPage')
export const HelpfulSchema = z.object({ helpful_count: z.number().int(), viewer_found_helpful: z.boolean() }).openapi('HelpfulState')

const limit = z.coerce.number().int('must be a whole number').min(1, 'must be 1 to 50').max(50, 'must be 1 to 50').default(20)
const cursor = z.string().max(2048).optional()

export const ListReviewsQuery = z.strictObject({
  sort: z.enum(REVIEW_SORTS, { error: 'must be recent, helpful, rating_high or rating_low' }).default('recent'),
  with_photos: z.enum(['true', 'false'], { error: "must be 'true' or 'false'" }).optional(),
  cursor,
  limit,
})
export const PageQuery = z.strictObject({ cursor, limit })

export const ReviewIdParams = z.object({ id: z.uuid('must be an id (a UUID)').openapi({ param: { name: 'id', in: 'path' } }) })

export type CreateReviewInput = z.output<typeof CreateReviewSchema>
export type UpdateReviewInput = z.output<typeof UpdateReviewSchema>
export type Review = z.output<typeof ReviewSchema>
export type InboxReview = z.output<typeof InboxReviewSchema>
