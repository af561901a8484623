import type { AppDeps } from './context'
import { notifyExpiringCoupons } from './coupons/expiring-coupons'
import { createJobRunner, ensureRecurringJob, type JobHandler, type JobRunner } from './jobs/job-runner'
import { pruneEvents } from './events/events.repository'
import { FEED_WINDOW_DAYS, feedWindowStart } from './feed/feed-item.table'
import { pruneInboxes } from './feed/feed.repository'
import { expireUnpaidOrders } from './orders/expire-unpaid'
import { SPLIT_DEADLINE_JOB } from './splits/create-split'
import { captureShares, expireSplit, releaseShares } from './splits/settle-split'
import { SPLIT_CAPTURE_JOB, SPLIT_RELEASE_JOB } from './splits/share-events'
import { deleteAbandonedUploads } from './uploads/cleanup'
import { REFRESH_RECOMMENDATIONS_JOB, refreshRecommendations } from './recommendations/refresh'

const MINUTE = 60_000

/** Every job kind the platform runs, by name; features add theirs here (like routes in app.ts). */
export function jobHandlers(log: (m: string) => void): Record<string, JobHandler> {
  return {
    'delete-abandoned-uploads': async (deps) => {
      const n = await deleteAbandonedUploads(deps)
      if (n > 0) log(`deleted ${n} abandoned upload(s)`)
    },
    'expire-unpaid-orders': async (deps) => {
      const n = await expireUnpaidOrders(deps, log)
      if (n > 0) log(`cancelled ${n} unpaid card order(s)`)
    },
    // Events older than the replay window can no longer be asked for (Last-Event-ID).
    'prune-user-events': async (deps) => {
      await pruneEvents(deps.db, new Date(deps.now().getTime() - deps.config.EVENTS_REPLAY_MINUTES * MINUTE))
    },
    // Inbox keys older than the feed's window are never read again.
    'prune-feed-inboxes': async (deps) => {
      const n = await pruneInboxes(deps.db, feedWindowStart(deps.now()))
      if (n > 0) log(`pruned ${n} feed inbox key(s) older than ${FEED_WINDOW_DAYS} days`)
    },
    'notify-expiring-coupons': async (deps) => {
      const n = await notifyExpiringCoupons(deps)
      if (n > 0) log(`told ${n} coupon holder(s) their coupon expires soon`)
    },
    [REFRESH_RECOMMENDATIONS_JOB]: async (deps) => {
      const pairs = await refreshRecommendations(deps)
      log(pairs === null ? 'recommendations: another refresh is running; skipped' : `recommendations: ${pairs} similar-storefront pair(s)`)
    },
    [SPLIT_DEADLINE_JOB]: (deps, payload) => expireSplit(deps, payload),
    [SPLIT_CAPTURE_JOB]: (deps, payload) => captureShares(deps, payload),
    [SPLIT_RELEASE_JOB]: (deps, payload) => releaseShares(deps, payload),
  }
}

/** Recurring jobs and how often they run; scheduled once per database, however many processes start. */
export const RECURRING_JOBS: ReadonlyArray<{ kind: string; everyMs: number }> = [
  { kind: 'delete-abandoned-uploads', everyMs: 60 * MINUTE },
  { kind: 'expire-unpaid-orders', everyMs: MINUTE },
  { kind: 'prune-user-events', everyMs: 15 * MINUTE },
  { kind: 'prune-feed-inboxes', everyMs: 60 * MINUTE },
  // Minutes late at worst on a notice given COUPON_EXPIRY_NOTICE_HOURS ahead.
  { kind: 'notify-expiring-coupons', everyMs: 5 * MINUTE },
  { kind: REFRESH_RECOMMENDATIONS_JOB, everyMs: 60 * MINUTE },
]

/**
 * Schedules the recurring jobs (idempotent) and returns a runner over every handler. Node starts
 * it with `start(JOB_POLL_INTERVAL_MS)`; a Worker would call `tick()` from a Cron Trigger.
 * @example const runner = await openJobRunner(deps, log); runner.start(deps.config.JOB_POLL_INTERVAL_MS)
 */
export async function openJobRunner(deps: AppDeps, log: (m: string) => void): Promise<JobRunner> {
  // Scheduled on the first tick, not here: a server started before `npm run migrate` keeps serving
  // (and /ready says why) and its jobs start once the jobs table exists.
  const prepare = async () => {
    for (const job of RECURRING_JOBS) await ensureRecurringJob(deps.db, job.kind, job.everyMs, deps.now())
  }
  return createJobRunner(deps, { handlers: jobHandlers(log), log, prepare })
}
