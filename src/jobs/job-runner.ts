import type { AppDeps } from '../context'
import type { JobRow } from './job.table'
import * as jobs from './jobs.repository'

/** Does one job's work. Must be idempotent: a job whose lease ran out may run again elsewhere. */
export type JobHandler = (deps: AppDeps, payload: Record<string, unknown>, job: JobRow) => Promise<void>

export interface JobRunnerOptions {
  handlers: Readonly<Record<string, JobHandler>>
  log: (m: string) => void
  /** Names this process in `locked_by`; a random suffix is added per claim. */
  workerId?: string
  /** How long a claimed job is ours before another process may take it again. */
  leaseMs?: number
  /** Jobs claimed per tick. */
  batch?: number
  /** Runs before the first tick, and again on the next one until it succeeds (e.g. scheduling recurring jobs). */
  prepare?: () => Promise<void>
}

export interface JobRunner {
  /** Claims and runs the jobs due now (one batch); returns how many ran successfully. */
  tick(): Promise<number>
  /** Ticks every `pollMs` without keeping the process alive. */
  start(pollMs: number): void
  /** Stops polling and waits for the tick in progress to finish. */
  stop(): Promise<void>
}

const MINUTE = 60_000

/**
 * Delay before retry number `attempts` (1-based): 10 s doubling to at most an hour; a recurring
 * job never waits longer than its own interval.
 * @example retryDelayMs(3, null) // 40_000
 */
export function retryDelayMs(attempts: number, everyMs: number | null): number {
  const backoff = Math.min(10_000 * 2 ** Math.max(0, attempts - 1), 60 * MINUTE)
  return everyMs === null ? backoff : Math.min(backoff, everyMs)
}

const message = (err: unknown) => (err instanceof Error ? err.message : String(err)).slice(0, 2000)

/**
 * A poller over the `jobs` table: each tick leases due jobs in one short statement
 * (FOR UPDATE SKIP LOCKED), runs them outside any transaction, then finishes, reschedules
 * (recurring) or backs off (failed) each one with an UPDATE guarded by its lease.
 */
export function createJobRunner(deps: AppDeps, options: JobRunnerOptions): JobRunner {
  const workerId = options.workerId ?? `pid-${typeof process === 'undefined' ? 'worker' : process.pid}`
  const leaseMs = options.leaseMs ?? 5 * MINUTE
  const batch = options.batch ?? 20
  let timer: ReturnType<typeof setTimeout> | undefined
  let running: Promise<number> | undefined
  let stopped = false
  let prepared = !options.prepare

  async function runOne(job: JobRow, lockedBy: string): Promise<boolean> {
    const handler = options.handlers[job.kind]
    try {
      if (!handler) throw new Error(`no handler for job kind ${job.kind}`)
      await handler(deps, job.payload, job)
    } catch (err) {
      const now = deps.now()
      const runAt = new Date(now.getTime() + retryDelayMs(job.attempts, job.every_ms))
      await jobs.rescheduleJob(deps.db, job.id, lockedBy, { runAt, lastError: message(err), resetAttempts: job.every_ms !== null })
      const final = job.every_ms === null && job.attempts >= job.max_attempts
      options.log(`job ${job.id} (${job.kind}) failed, attempt ${job.attempts}${final ? ', giving up' : ''}: ${message(err)}`)
      return false
    }
    const now = deps.now()
    if (job.every_ms === null) await jobs.finishJob(deps.db, job.id, lockedBy, now)
    else await jobs.rescheduleJob(deps.db, job.id, lockedBy, { runAt: new Date(now.getTime() + job.every_ms), lastError: null, resetAttempts: true })
    return true
  }

  async function tick(): Promise<number> {
    if (!prepared) {
      await options.prepare?.()
      prepared = true
    }
    const now = deps.now()
    const lockedBy = `${workerId}-${crypto.randomUUID().slice(0, 8)}`
    const claimed = await jobs.claimDueJobs(deps.db, now, lockedBy, new Date(now.getTime() + leaseMs), batch)
    let ok = 0
    for (const job of claimed) if (await runOne(job, lockedBy)) ok++
    return ok
  }

  const loop = (pollMs: number) => {
    if (stopped) return
    timer = setTimeout(async () => {
      running = tick().catch((err) => {
        options.log(`job runner tick failed: ${message(err)}`)
        return 0
      })
      await running
      running = undefined
      loop(pollMs)
    }, pollMs)
    if (typeof timer === 'object' && 'unref' in timer) timer.unref()
  }

  return {
    tick,
    start(pollMs) {
      stopped = false
      loop(pollMs)
    },
    async stop() {
      stopped = true
      if (timer) clearTimeout(timer)
      await running
    },
  }
}

/** Schedules a recurring job once per database (a later call with the same kind is a no-op). */
export async function ensureRecurringJob(db: AppDeps['db'], kind: string, everyMs: number, firstRunAt: Date): Promise<void> {
  await jobs.insertJob(db, { kind, runAt: firstRunAt, everyMs, dedupeKey: `every:${kind}` })
}
