import { sql } from 'kysely'
import type { Executor } from '../db/database'
import type { JobRow } from './job.table'

export interface NewJob {
  kind: string
  runAt: Date
  payload?: Record<string, unknown>
  /** A job with the same key already exists (pending or done) → nothing is inserted. */
  dedupeKey?: string
  everyMs?: number
  maxAttempts?: number
}

/** Inserts a job; returns its id, or null when its dedupe key was already taken. */
export async function insertJob(db: Executor, job: NewJob): Promise<number | null> {
  const row = await db
    .insertInto('jobs')
    .values({
      kind: job.kind,
      run_at: job.runAt,
      payload: JSON.stringify(job.payload ?? {}),
      dedupe_key: job.dedupeKey ?? null,
      every_ms: job.everyMs ?? null,
      max_attempts: job.maxAttempts,
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .returning('id')
    .executeTakeFirst()
  return row ? Number(row.id) : null
}

/**
 * Leases up to `limit` due jobs to `lockedBy` until `leaseUntil`, in one statement: rows another
 * process is claiming right now are skipped (SKIP LOCKED), and an expired lease is claimable again.
 */
export async function claimDueJobs(db: Executor, now: Date, lockedBy: string, leaseUntil: Date, limit: number): Promise<JobRow[]> {
  const result = await sql<JobRow>`
    UPDATE jobs SET locked_by = ${lockedBy}, locked_until = ${leaseUntil}, attempts = attempts + 1
    WHERE id IN (
      SELECT id FROM jobs
      WHERE done_at IS NULL AND run_at <= ${now} AND attempts < max_attempts
        AND (locked_until IS NULL OR locked_until < ${now})
      ORDER BY run_at, id
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED)
    RETURNING *`.execute(db)
  return result.rows.map((r) => ({ ...r, id: Number(r.id), every_ms: r.every_ms === null ? null : Number(r.every_ms) }))
}

/** Marks a one-off job done, only while `lockedBy` still holds it; false when its lease was lost. */
export async function finishJob(db: Executor, id: number, lockedBy: string, now: Date): Promise<boolean> {
  const r = await db
    .updateTable('jobs')
    .set({ done_at: now, locked_by: null, locked_until: null, last_error: null })
    .where('id', '=', id)
    .where('locked_by', '=', lockedBy)
    .executeTakeFirst()
  return r.numUpdatedRows > 0n
}

/** Releases a job to run again at `runAt` (a retry, or a recurring job's next turn); guarded by the lease. */
export async function rescheduleJob(
  db: Executor,
  id: number,
  lockedBy: string,
  change: { runAt: Date; lastError: string | null; resetAttempts: boolean },
): Promise<boolean> {
  const r = await db
    .updateTable('jobs')
    .set((eb) => ({
      run_at: change.runAt,
      last_error: change.lastError,
      locked_by: null,
      locked_until: null,
      attempts: change.resetAttempts ? 0 : eb.ref('attempts'),
    }))
    .where('id', '=', id)
    .where('locked_by', '=', lockedBy)
    .executeTakeFirst()
  return r.numUpdatedRows > 0n
}

/** A job by id (tests and operators). */
export async function findJob(db: Executor, id: number): Promise<JobRow | undefined> {
  return db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst()
}
