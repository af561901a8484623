import { z } from '@hono/zod-openapi'
import { isCurrencyCode, MAX_AMOUNT_MINOR_UNITS } from './currency'
import { singleLine, text } from '../http/text'

const fields = {
  name: singleLine().trim().min(1, 'is required').max(120),
  description: text().max(2000).nullable(),
  kind: z.enum(['service', 'product', 'voucher']),
  price_cents: z
    .number()
    .int('must be a whole number of minor units (cents)')
    .min(0, 'must not be negative')
    .max(MAX_AMOUNT_MINOR_UNITS, `must be at most ${MAX_AMOUNT_MINOR_UNITS} minor units`)
    .openapi({ example: 2500 }),
  currency: singleLine()
    .regex(/^[A-Z]{3}$/, { error: 'must be an ISO 4217 code of 3 uppercase letters, e.g. CNY', abort: true })
    .refine(isCurrencyCode, 'is not an ISO 4217 currency code')
    .openapi({ example: 'CNY' }),
  duration_min: z.number().int('must be a whole number of minutes').min(1).max(1440).nullable(),
  capacity: z.number().int('must be a whole number').min(1).max(1000),
}

/** Body of POST /v1/merchants/:id/offerings; services need duration_min. */
export const CreateOfferingSchema = z
  .strictObject({
    ...fields,
    description: fields.description.optional(),
    duration_min: fields.duration_min.optional(),
    capacity: fields.capacity.optional(),
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
    price_cents: z.number().int(),
    currency: z.string(),
    duration_min: z.number().int().nullable(),
    capacity: z.number().int(),
    active: z.boolean(),
  })
  .openapi('Offering')

/** A list of offerings. */
export const OfferingListSchema = z.object({ data: z.array(OfferingSchema) }).openapi('OfferingList')

/** `:id` path parameter of an offering; malformed ids answer 422 naming it, like every id. */
export const IdParams = z.strictObject({
  id: z.uuid('must be an id (a UUID)').openapi({ param: { name: 'id', in: 'path' }, example: '5b6f0c1e-8a55-4f1e-9a43-2f7c9d1e0b11' }),
})

export type CreateOfferingInput = z.output<typeof CreateOfferingSchema>
export type UpdateOfferingInput = z.output<typeof UpdateOfferingSchema>
export type Offering = z.output<typeof OfferingSchema>
