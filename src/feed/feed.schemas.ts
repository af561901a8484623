import { z } from '@hono/zod-openapi'
import { CouponSchema } from '../coupons/coupons.schemas'
import { OfferingSchema } from '../offerings/offerings.schemas'
import { PostSchema } from '../posts/posts.schemas'
import { FEED_ITEM_TYPES } from './feed-item.table'

const ReviewReplySchema = z
  .object({
    review_id: z.uuid(),
    merchant: z.object({ id: z.uuid(), name: z.string() }),
    rating: z.number().int(),
    text: z.string(),
    edited_at: z.string().nullable().openapi({ format: 'date-time' }),
  })
  .openapi('FeedReviewReply')

/**
 * One feed item. `type` says which one of `post`, `coupon`, `deal`, `review_reply` is set (the
 * others are null); `merchant` is the storefront it is about, whatever the type.
 */
export const FeedItemSchema = z
  .object({
    type: z.enum(FEED_ITEM_TYPES).openapi({
      description:
        'post: news of a storefront you follow; coupon: a new coupon campaign of one (claim it with POST /v1/coupons/{id}/claim); deal: a new deal of one (a voucher sold below its face value); review_reply: the owner answered your review',
    }),
    id: z.uuid().openapi({ description: 'The post, coupon, offering or review id (for review_reply)' }),
    created_at: z.string().openapi({ format: 'date-time', description: 'When it was posted, created, became a deal, or replied' }),
    merchant: z.object({ id: z.uuid(), name: z.string() }),
    post: z.union([PostSchema, z.null()]),
    coupon: z.union([CouponSchema, z.null()]),
    deal: z.union([OfferingSchema, z.null()]).openapi({ description: 'The voucher offering; its `deal` holds the face value and saving' }),
    review_reply: ReviewReplySchema.nullable(),
  })
  .openapi('FeedItem')

export const FeedPageSchema = z.object({ data: z.array(FeedItemSchema), next_cursor: z.string().nullable() }).openapi('FeedPage')

export const FeedQuery = z.strictObject({
  cursor: z.string().max(2048).optional(),
  limit: z.coerce.number().int('must be a whole number').min(1, 'must be 1 to 50').max(50, 'must be 1 to 50').default(20),
})

export type FeedItem = z.output<typeof FeedItemSchema>
