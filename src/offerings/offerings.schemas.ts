import { z } from '@hono/zod-openapi'
import { currencyInput, currencyOutput, minorUnits, minorUnitsInput } from '../money'
import { singleLine, text } from '../http/text'

const fields = {
  name: singleLine().trim().min(1, 'is required').max(120),
  description: text().max(2000).nullable(),
  kind: z.enum(['service', 'product', 'voucher']),
  price_cents: minorUnitsInput('What it costs'),
  currency: currencyInput("The storefront's currency; may be left out (it is inherited). Any other currency is refused with 422"),
  duration_min: z.number().int('must be a whole number of minutes').min(1).max(1440).nullable(),
  capacity: z.number().int('must be a whole number').min(1).max(1000),
  // Deals (src/deals): a voucher worth face_value_cents in store, sold for the lower price_cents.
  face_value_cents: minorUnitsInput('Deals (vouchers): worth this in store; above price_cents', 1).nullable(),
  stock: z.number().int().min(0).max(1_000_000).nullable().openapi({ description: 'Deals: how many may be sold; null = unlimited' }),
  valid_until: z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time with offset' }).nullable().openapi({ description: 'Deals: not sold after this' }),
}

/** Body of POST /v1/merchants/:id/offerings; services need duration_min. */
export const CreateOfferingSchema = z
  .strictObject({
    ...fields,
    currency: fields.currency.optional(),
    description: fields.description.optional(),
    duration_min: fields.duration_min.optional(),
    capacity: fields.capacity.optional(),
    face_value_cents: fields.face_value_cents.optional(),
    stock: fields.stock.optional(),
    valid_until: fields.valid_until.optional(),
  })
  .openapi('CreateOfferingRequest')

const { kind: _kind, ...editable } = fields

/** Body of PATCH /v1/offerings/:id: any subset of the editable fields; the kind is fixed. */
export const UpdateOfferingSchema = z
  .strictObject({ ...editable, active: z.boolean() })
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, 'send at least one field to change')
  .openapi('UpdateOfferingRequest')

/** An offering as every endpoint returns it; price in integer minor units of `currency`. */
export const OfferingSchema = z
  .object({
    id: z.uuid(),
    merchant_id: z.uuid(),
    name: z.string(),
    description: z.string().nullable(),
    kind: z.enum(['service', 'product', 'voucher']),
    price_cents: minorUnits('What it costs, in `currency`'),
    currency: currencyOutput("Always the storefront's currency for an offering on sale; an offering taken off sale when its storefront's currency was set (migration 0017) keeps its old one"),
    duration_min: z.number().int().nullable(),
    capacity: z.number().int(),
    active: z.boolean(),
    deal: z
      .object({
        face_value_cents: minorUnits('What the voucher is worth in store'),
        saving_cents: minorUnits('face_value_cents − price_cents'),
        stock: z.number().int().nullable(),
        remaining: z.number().int().nullable(),
        valid_until: z.string().nullable(),
      })
      .nullable()
      .openapi({ description: 'Set when this voucher is a deal: its face value, the saving and what is left' }),
  })
  .openapi('Offering')

/** A list of offerings. */
export const OfferingListSchema = z.object({ data: z.array(OfferingSchema), next_cursor: z.string().nullable() }).openapi('OfferingList')

/** `:id` path parameter of an offering; malformed ids answer 422 naming it, like every id. */
export const IdParams = z.strictObject({
  id: z.uuid('must be an id (a UUID)').openapi({ param: { name: 'id', in: 'path' }, example: '5b6f0c1e-8a55-4f1e-9a43-2f7c9d1e0b11' }),
})

export type CreateOfferingInput = z.output<typeof CreateOfferingSchema>
export type UpdateOfferingInput = z.output<typeof UpdateOfferingSchema>
export type Offering = z.output<typeof OfferingSchema>
