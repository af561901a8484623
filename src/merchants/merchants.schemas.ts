import { z } from '@hono/zod-openapi'
import { HHMM } from '../geo/hours'
import { canonicalTimeZone } from '../geo/timezone'
import { PhotoSchema, photoIdsField } from '../uploads'
import { singleLine, text } from '../http/text'
import { currencyInput, currencyOutput } from '../money'
import { pageQuery } from '../http/keyset-page'

/** A WGS84 point in degrees. */
export const LocationSchema = z
  .strictObject({
    lat: z.number().min(-90, 'must be between -90 and 90').max(90, 'must be between -90 and 90'),
    lng: z.number().min(-180, 'must be between -180 and 180').max(180, 'must be between -180 and 180'),
  })
  .openapi('Location', { example: { lat: 30.2741, lng: 120.1551 } })

/** One opening shift; `close` at or before `open` ends after midnight. */
export const ShiftSchema = z
  .strictObject({
    day: z.number().int('must be a whole number').min(0, 'must be 0 (Sunday) to 6 (Saturday)').max(6, 'must be 0 (Sunday) to 6 (Saturday)'),
    open: z.string().regex(HHMM, 'must be HH:MM (00:00–23:59)'),
    close: z.string().regex(HHMM, 'must be HH:MM (00:00–23:59); at or before open means after midnight'),
  })
  .openapi('OpeningShift', { example: { day: 1, open: '09:00', close: '21:00' } })

const TimeZoneSchema = singleLine()
  .transform((name, ctx) => {
    const zone = canonicalTimeZone(name)
    if (!zone) ctx.addIssue({ code: 'custom', message: 'must be an IANA time zone such as Asia/Shanghai' })
    return zone ?? name
  })
  .openapi({ type: 'string', example: 'Asia/Shanghai' })

const TagsSchema = z
  .array(singleLine().trim().toLowerCase().min(1, 'must not be blank').max(40))
  .max(10, 'at most 10 tags')
  .transform((tags) => [...new Set(tags)])
  .openapi({ type: 'array', items: { type: 'string' }, maxItems: 10, example: ['latte', 'wifi'] })

/** Most photos a storefront shows. */
export const MAX_STOREFRONT_PHOTOS = 9

const fields = {
  name: singleLine().trim().min(1, 'is required').max(120),
  description: text().max(2000).nullable(),
  category: singleLine().min(1, 'is required').max(40).openapi({ example: 'coffee' }),
  tags: TagsSchema,
  location: LocationSchema,
  address: singleLine().max(300).nullable(),
  phone: singleLine().max(40).nullable(),
  timezone: TimeZoneSchema,
  hours: z.array(ShiftSchema).max(50),
  currency: currencyInput(
    "What the storefront sells in (ISO 4217); offerings, coupons and orders inherit it. Defaults to the currency of the time zone's country (USD when not known). Can change only while nothing is on sale and no coupon is live.",
  ),
  service_radius_m: z.number().int('must be a whole number').min(1).max(50000).nullable(),
  /** Ids from POST /v1/uploads, in display order; the first is the cover. Replaces the whole list. */
  photo_ids: photoIdsField(MAX_STOREFRONT_PHOTOS),
}

/** Body of POST /v1/merchants; tags come out trimmed, lower-cased and de-duplicated. */
export const CreateMerchantSchema = z
  .strictObject({
    ...fields,
    description: fields.description.optional(),
    tags: fields.tags.optional(),
    address: fields.address.optional(),
    phone: fields.phone.optional(),
    service_radius_m: fields.service_radius_m.optional(),
    photo_ids: fields.photo_ids.optional(),
    currency: fields.currency.optional(),
  })
  .openapi('CreateStorefrontRequest')

/** Body of PATCH /v1/merchants/:id: any subset of the creation fields (null clears optional ones). */
export const UpdateMerchantSchema = z
  .strictObject(fields)
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, 'send at least one field to change')
  .openapi('UpdateStorefrontRequest')

/** A storefront as every endpoint returns it. */
export const StorefrontSchema = z
  .object({
    id: z.uuid(),
    owner_id: z.uuid(),
    name: z.string(),
    description: z.string().nullable(),
    category: z.string(),
    tags: z.array(z.string()),
    location: LocationSchema,
    h3_cell: z.string().openapi({ description: 'H3 cell at resolution 9, as h3-js prints it' }),
    address: z.string().nullable(),
    phone: z.string().nullable(),
    timezone: z.string(),
    currency: currencyOutput("What the storefront sells in; its offerings, coupons and orders are all in this currency"),
    hours: z.array(ShiftSchema),
    service_radius_m: z.number().int().nullable(),
    status: z.enum(['draft', 'active']),
    photos: z.array(PhotoSchema),
    cover_url: z.string().nullable().openapi({ description: 'URL of the first photo, or null without photos' }),
    rating_avg: z.number().nullable().openapi({ description: 'Average stars of visible reviews (2 decimals); null when none' }),
    review_count: z.number().int(),
    rating_counts: z
      .object({ '1': z.number().int(), '2': z.number().int(), '3': z.number().int(), '4': z.number().int(), '5': z.number().int() })
      .openapi({ description: 'Visible reviews per star' }),
    follower_count: z.number().int().openapi({ description: 'Consumers following the storefront (exact)' }),
    share_url: z.string().openapi({ description: 'Public page of the storefront', example: '/s/5b6f0c1e-8a55-4f1e-9a43-2f7c9d1e0b11' }),
    created_at: z.string().openapi({ format: 'date-time' }),
    updated_at: z.string().openapi({ format: 'date-time' }),
    payouts: z
      .object({ charges_enabled: z.boolean(), payouts_enabled: z.boolean(), details_submitted: z.boolean() })
      .optional()
      .openapi({ description: "Stripe payout state, shown to the storefront's owner only" }),
  })
  .openapi('Storefront')

/** A list of storefronts. */
export const StorefrontListSchema = z.object({ data: z.array(StorefrontSchema), next_cursor: z.string().nullable() }).openapi('StorefrontList')

/** `:id` path parameter; malformed ids answer 404 like unknown ones. */
export const MerchantIdParams = z.strictObject({
  // One rule for malformed ids on every route: 422 naming the parameter (as orders, payouts, redemptions).
  id: z.uuid('must be a storefront id').openapi({ param: { name: 'id', in: 'path' }, example: '5b6f0c1e-8a55-4f1e-9a43-2f7c9d1e0b11' }),
})

/** `?owner=me`: the caller's own storefronts. */
export const OwnerQuery = pageQuery(50).extend({
  owner: z.literal('me', { error: "must be 'me'" }).openapi({ param: { name: 'owner', in: 'query' } }),
})

export type CreateMerchantInput = z.output<typeof CreateMerchantSchema>
export type UpdateMerchantInput = z.output<typeof UpdateMerchantSchema>
export type Storefront = z.output<typeof StorefrontSchema>
