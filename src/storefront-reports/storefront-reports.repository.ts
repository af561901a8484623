import type { Executor } from '../db/database'
import type { ReportReason } from './storefront-report.table'

/** A stored report, as the API returns it. */
export interface ReportRow {
  id: string
  merchant_id: string
  reason: ReportReason
  note: string | null
  created_at: Date
}

/**
 * Records the report; undefined when this user already reported the storefront (the UNIQUE
 * constraint decides, so of two concurrent reports exactly one is stored).
 */
export async function insertReport(
  db: Executor,
  row: { merchant_id: string; user_id: string; reason: ReportReason; note: string | null; created_at: Date },
): Promise<ReportRow | undefined> {
  return db
    .insertInto('storefront_reports')
    .values(row)
    .onConflict((oc) => oc.constraint('storefront_reports_once').doNothing())
    .returning(['id', 'merchant_id', 'reason', 'note', 'created_at'])
    .executeTakeFirst()
}
