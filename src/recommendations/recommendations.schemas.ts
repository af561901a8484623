import { z } from '@hono/zod-openapi'
import { singleLine } from '../http/text'
import { numberParam } from '../search/search.schemas'

const tag = singleLine().regex(/^[a-z][a-z0-9-]{0,39}$/, 'must be a lowercase interest tag such as coffee or live-music')
const lat = numberParam(-90, 90, 'must be between -90 and 90').openapi({ example: 30.2741 })
const lng = numberParam(-180, 180, 'must be between -180 and 180').openapi({ example: 120.1551 })
const radius_m = numberParam(1, 50_000, 'must be between 1 and 50000 metres', { int: 'must be whole metres' }).optional()
  .openapi({ description: 'Search radius in metres (default 3000)' })
const limit = numberParam(1, 50, 'must be between 1 and 50', { int: 'must be a whole number' }).optional()
const cursor = singleLine().min(1).max(2048).optional()
const dateTime = z.string().openapi({ format: 'date-time' })

export const ViewBodySchema = z.strictObject({ merchant_id: z.uuid('must be a storefront id') }).openapi('StorefrontViewRequest')
export const ViewResultSchema = z
  .object({
    merchant_id: z.uuid(),
    recorded: z.boolean().openapi({ description: 'false when already counted today, or when personalisation is off' }),
  })
  .openapi('StorefrontView')

export const PersonalisationPatchSchema = z.strictObject({ personalisation: z.boolean() }).openapi('PersonalisationRequest')
export const PersonalisationSchema = z
  .object({
    personalisation: z.boolean().openapi({ description: 'false: recommendations ignore your history (orders, reviews, follows, coupons, views)' }),
    history_cleared_at: dateTime.nullable().openapi({ description: 'History before this moment no longer shapes recommendations' }),
  })
  .openapi('Personalisation')

export const InterestsBodySchema = z.array(tag).max(20, 'at most 20 interests').openapi('InterestsRequest', { example: ['coffee', 'pets', 'live-music'] })
export const InterestsSchema = z
  .object({
    chosen: z.array(z.string()),
    personalisation: z.boolean().openapi({ description: 'Whether your history shapes recommendations (PATCH /v1/me)' }),
    inferred: z.array(z.object({
      tag: z.string(),
      share: z.number().openapi({ description: 'Share of your history (0..1) at storefronts of this category or tag' }),
    })).openapi({ description: 'Derived from your history; empty when personalisation is off' }),
  })
  .openapi('Interests')
export const VocabularySchema = z
  .object({
    data: z.array(z.object({
      tag: z.string(),
      kind: z.enum(['category', 'tag']),
      name: z.string().openapi({ example: 'Live music', description: 'The English name (same as name_en)' }),
      name_en: z.string().openapi({ example: 'Live music' }),
      name_zh: z.string().nullable().openapi({ example: '现场音乐', description: 'Simplified Chinese name; null for a category without one yet' }),
    })),
  })
  .openapi('InterestVocabulary')

export const TagParams = z.strictObject({ tag: tag.openapi({ param: { name: 'tag', in: 'path' }, example: 'coffee' }) })
export const NearQuerySchema = z.strictObject({ lat, lng, radius_m, limit, cursor })

const storefront = {
  id: z.uuid(),
  name: z.string(),
  category: z.string(),
  tags: z.array(z.string()),
  location: z.object({ lat: z.number(), lng: z.number() }),
  distance_m: z.number().int(),
  rating: z.number().nullable(),
  review_count: z.number().int(),
  cover_url: z.string().nullable(),
}

export const InterestGroupPageSchema = z
  .object({
    data: z.array(z.object({ ...storefront, fans: z.number().int().openapi({ description: 'People with this interest who went there' }) })),
    next_cursor: z.string().nullable(),
  })
  .openapi('InterestGroupPage')

export const ReasonSchema = z
  .object({
    code: z.enum(['similar_to_your_place', 'visited_before', 'you_follow', 'interest', 'interest_group', 'coupon', 'new_store', 'top_rated', 'popular_nearby', 'distance']),
    params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
    text: z.string().openapi({ description: 'English text; clients translate by code and params' }),
  })
  .openapi('RecommendationReason')

export const RecommendationSchema = z
  .object({ ...storefront, open_now: z.boolean(), score: z.number(), reasons: z.array(ReasonSchema).min(1) })
  .openapi('Recommendation')

export const RecommendationPageSchema = z
  .object({
    data: z.array(RecommendationSchema),
    next_cursor: z.string().nullable(),
    cold_start: z.boolean().openapi({ description: 'true: no history to go on; ranked by your chosen interests, popularity and what is open nearby' }),
  })
  .openapi('RecommendationPage')

export const RecommendationsQuerySchema = NearQuerySchema
export const HiddenSchema = z.object({ merchant_id: z.uuid(), hidden: z.boolean() }).openapi('HiddenStorefront')

export type Recommendation = z.output<typeof RecommendationSchema>
export type Interests = z.output<typeof InterestsSchema>
