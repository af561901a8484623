import { createRoute, z } from '@hono/zod-openapi'
import { json, problems } from '../http/responses'
import { newRouter } from '../http/validation'
import { availability } from './availability'
import { singleLine } from '../http/text'

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/

const QuerySchema = z.strictObject({
  offering_id: z.uuid('must be an offering id'),
  date: singleLine()
    .regex(DATE, 'must be a date as YYYY-MM-DD')
    .refine((d) => {
      const day = new Date(`${d}T00:00:00Z`)
      return !Number.isNaN(day.getTime()) && day.toISOString().startsWith(d)
    }, 'is not a calendar date'),
})

const SlotSchema = z
  .object({
    start: z.string().openapi({ format: 'date-time', example: '2026-11-24T10:00:00+08:00' }),
    end: z.string().openapi({ format: 'date-time', example: '2026-11-24T10:30:00+08:00' }),
    remaining: z.number().int(),
  })
  .openapi('FreeSlot')

const availabilityRoute = createRoute({
  method: 'get',
  path: '/merchants/{id}/availability',
  tags: ['Bookings'],
  summary: "Free slots of a service on one day, in the storefront's local time",
  request: { params: z.strictObject({ id: z.uuid('must be a storefront id') }), query: QuerySchema },
  responses: {
    200: json(z.object({ data: z.array(SlotSchema), next_cursor: z.null() }).openapi('FreeSlotList'), 'Free slots, earliest first (one day: one page)'),
    ...problems(404, 422),
  },
})

/** Public availability of bookable services. */
export const availabilityRoutes = newRouter().openapi(availabilityRoute, async (c) => {
  const { offering_id, date } = c.req.valid('query')
  return c.json({ data: await availability(c.var.deps, c.req.valid('param').id, offering_id, date), next_cursor: null }, 200)
})
