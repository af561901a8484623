import { z } from '@hono/zod-openapi'
import { text } from '../http/text'
import { REPORT_REASONS } from './storefront-report.table'

const reason = z.enum(REPORT_REASONS, { error: `must be one of ${REPORT_REASONS.join(', ')}` })
  .openapi({ description: 'closed: no longer there; wrong_location: the pin is wrong; inappropriate; spam; other (say what in note)' })

/** Body of POST /v1/merchants/:id/reports. */
export const StorefrontReportInputSchema = z
  .strictObject({ reason, note: text().trim().min(1, 'leave out an empty note').max(500, 'at most 500 characters').optional() })
  .openapi('StorefrontReportRequest', { example: { reason: 'closed', note: 'Shuttered since March' } })

export const StorefrontReportSchema = z
  .object({
    id: z.uuid(),
    merchant_id: z.uuid(),
    reason,
    note: z.string().nullable(),
    created_at: z.string().openapi({ format: 'date-time' }),
  })
  .openapi('StorefrontReport')

export type StorefrontReportInput = z.output<typeof StorefrontReportInputSchema>
export type StorefrontReport = z.output<typeof StorefrontReportSchema>
