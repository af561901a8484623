import type { ColumnType, Generated } from 'kysely'

/** Why a storefront is reported; the database CHECK (migration 0022) holds the same list. */
export const REPORT_REASONS = ['closed', 'wrong_location', 'inappropriate', 'spam', 'other'] as const
export type ReportReason = (typeof REPORT_REASONS)[number]

/** A user's report of a storefront; one per user and storefront. */
export interface StorefrontReportTable {
  id: Generated<string>
  merchant_id: string
  user_id: string
  reason: ReportReason
  note: string | null
  created_at: ColumnType<Date, Date | undefined, never>
}

export interface StorefrontReportTables {
  storefront_reports: StorefrontReportTable
}
