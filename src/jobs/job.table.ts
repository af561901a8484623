import type { ColumnType, Generated, Selectable } from 'kysely'

/** One unit of deferred work; see src/jobs/job-runner.ts for how it is claimed and finished. */
export interface JobTable {
  id: Generated<number>
  kind: string
  dedupe_key: string | null
  payload: ColumnType<Record<string, unknown>, string | undefined, string>
  run_at: Date
  every_ms: ColumnType<number | null, number | null | undefined, number | null>
  attempts: ColumnType<number, number | undefined, number>
  max_attempts: ColumnType<number, number | undefined, number>
  locked_until: Date | null
  locked_by: string | null
  done_at: Date | null
  last_error: string | null
  created_at: ColumnType<Date, never, never>
}

export type JobRow = Selectable<JobTable>
