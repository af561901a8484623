import { z } from '@hono/zod-openapi'
import { text as multiLine } from '../http/text'
import { PhotoSchema } from '../uploads'

/** Most photos one post shows. */
export const MAX_POST_PHOTOS = 4

const PostText = multiLine().trim().min(1, 'is required').max(1000, 'must be at most 1000 characters')
const PhotoIds = z.array(z.uuid('must be an upload id')).max(MAX_POST_PHOTOS, `at most ${MAX_POST_PHOTOS} photos`)
const CouponId = z.uuid('must be a coupon id')

/** Body of POST /v1/merchants/:id/posts. */
export const CreatePostSchema = z
  .strictObject({ text: PostText, photo_ids: PhotoIds.optional(), coupon_id: CouponId.nullable().optional() })
  .openapi('CreatePostRequest', { example: { text: 'Fresh croissants from 7 am this weekend!', photo_ids: [] } })

/** Body of PATCH /v1/merchants/:id/posts/:postId: any subset; photo_ids replaces the photos. */
export const UpdatePostSchema = z
  .strictObject({ text: PostText.optional(), photo_ids: PhotoIds.optional(), coupon_id: CouponId.nullable().optional() })
  .refine((p) => Object.keys(p).length > 0, 'send at least one field to change')
  .openapi('UpdatePostRequest')

/** A store news post as every endpoint returns it. */
export const PostSchema = z
  .object({
    id: z.uuid(),
    merchant: z.object({ id: z.uuid(), name: z.string() }),
    text: z.string(),
    photos: z.array(PhotoSchema),
    coupon_id: z.uuid().nullable(),
    created_at: z.string().openapi({ format: 'date-time' }),
    edited_at: z.string().nullable().openapi({ format: 'date-time' }),
  })
  .openapi('StorePost')

export const PostPageSchema = z.object({ data: z.array(PostSchema), next_cursor: z.string().nullable() }).openapi('StorePostPage')

export const PostPageQuery = z.strictObject({
  cursor: z.string().max(2048).optional(),
  limit: z.coerce.number().int('must be a whole number').min(1, 'must be 1 to 50').max(50, 'must be 1 to 50').default(20),
})

export const PostParams = z.strictObject({
  id: z.string().openapi({ param: { name: 'id', in: 'path' } }),
  postId: z.string().openapi({ param: { name: 'postId', in: 'path' } }),
})

export type CreatePostInput = z.output<typeof CreatePostSchema>
export type UpdatePostInput = z.output<typeof UpdatePostSchema>
export type Post = z.output<typeof PostSchema>
