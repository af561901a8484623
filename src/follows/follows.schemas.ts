import { z } from '@hono/zod-openapi'

/** Answer of PUT/DELETE /v1/merchants/:id/follow. */
export const FollowStateSchema = z
  .object({ merchant_id: z.uuid(), following: z.boolean(), follower_count: z.number().int() })
  .openapi('FollowState')

export const FollowedStoreSchema = z
  .object({
    merchant: z.object({
      id: z.uuid(),
      name: z.string(),
      category: z.string(),
      cover_url: z.string().nullable(),
      follower_count: z.number().int(),
    }),
    followed_at: z.string().openapi({ format: 'date-time' }),
  })
  .openapi('FollowedStore')

export const FollowingPageSchema = z
  .object({ data: z.array(FollowedStoreSchema), next_cursor: z.string().nullable() })
  .openapi('FollowingPage')

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')

export const FollowerDaysQuery = z
  .strictObject({ from: date.optional(), to: date.optional() })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'must not be after to', path: ['from'] })

export const FollowerDaysSchema = z
  .object({
    merchant_id: z.uuid(),
    follower_count: z.number().int(),
    days: z.array(z.object({ day: z.string(), followed: z.number().int(), unfollowed: z.number().int(), follower_count: z.number().int() })),
  })
  .openapi('FollowerDays')

export const FollowingQuery = z.strictObject({
  cursor: z.string().max(2048).optional(),
  limit: z.coerce.number().int('must be a whole number').min(1, 'must be 1 to 50').max(50, 'must be 1 to 50').default(20),
})

export type FollowState = z.output<typeof FollowStateSchema>
export type FollowedStore = z.output<typeof FollowedStoreSchema>
export type FollowerDays = z.output<typeof FollowerDaysSchema>
