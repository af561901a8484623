import { z } from '@hono/zod-openapi'
import { PostSchema } from '../posts/posts.schemas'

const ReviewReplySchema = z
  .object({
    review_id: z.uuid(),
    merchant: z.object({ id: z.uuid(), name: z.string() }),
    rating: z.number().int(),
    text: z.string(),
    edited_at: z.string().nullable().openapi({ format: 'date-time' }),
  })
  .openapi('FeedReviewReply')

/** One feed item: a post of a followed storefront, or the owner's reply to one of your reviews. */
export const FeedItemSchema = z
  .object({
    type: z.enum(['post', 'review_reply']),
    id: z.uuid(),
    created_at: z.string().openapi({ format: 'date-time' }),
    post: z.union([PostSchema, z.null()]),
    review_reply: ReviewReplySchema.nullable(),
  })
  .openapi('FeedItem')

export const FeedPageSchema = z.object({ data: z.array(FeedItemSchema), next_cursor: z.string().nullable() }).openapi('FeedPage')

export const FeedQuery = z.strictObject({
  cursor: z.string().max(2048).optional(),
  limit: z.coerce.number().int('must be a whole number').min(1, 'must be 1 to 50').max(50, 'must be 1 to 50').default(20),
})

export type FeedItem = z.output<typeof FeedItemSchema>
