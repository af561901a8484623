import { describe, expect, it } from 'vitest'
import { useTestApp } from '../../test/support/app'
import { createJobRunner, ensureRecurringJob, type JobHandler, retryDelayMs } from './job-runner'
import * as jobs from './jobs.repository'

const t = useTestApp()
const silent = () => {}
let seq = 0
const kind = (name: string) => `test-${name}-${++seq}`

/** Pins the app's clock `ms` from now for the rest of the test. */
const at = (base: Date, ms: number) => {
  const when = new Date(base.getTime() + ms)
  t.setNow(when)
  return when
}

describe('the job runner', () => {
  it('runs a due job once when two runners on the same database tick at the same time', async () => {
    const k = kind('once')
    let runs = 0
    const slow: JobHandler = async () => {
      runs++
      await new Promise((r) => setTimeout(r, 50))
    }
    const id = await jobs.insertJob(t.db, { kind: k, runAt: new Date(Date.now() - 1000), payload: { n: 1 } })
    const [a, b] = [createJobRunner(t.deps, { handlers: { [k]: slow }, log: silent, workerId: 'a' }), createJobRunner(t.deps, { handlers: { [k]: slow }, log: silent, workerId: 'b' })]
    const counts = await Promise.all([a.tick(), b.tick(), a.tick(), b.tick()])
    expect(counts.reduce((x, y) => x + y, 0)).toBe(1)
    expect(runs).toBe(1)
    const row = await jobs.findJob(t.db, id as number)
    expect(row?.done_at).not.toBeNull()
    expect([row?.attempts, row?.locked_by, row?.last_error]).toEqual([1, null, null])
  })

  it('does not run a job before its time, and passes the payload', async () => {
    const k = kind('later')
    const seen: unknown[] = []
    const runner = createJobRunner(t.deps, { handlers: { [k]: async (_d, payload) => void seen.push(payload) }, log: silent })
    const now = new Date()
    t.setNow(now)
    try {
      await jobs.insertJob(t.db, { kind: k, runAt: new Date(now.getTime() + 60_000), payload: { order_id: 'x' } })
      expect(await runner.tick()).toBe(0)
      at(now, 61_000)
      expect(await runner.tick()).toBe(1)
      expect(seen).toEqual([{ order_id: 'x' }])
    } finally {
      t.setNow(undefined)
    }
  })

  it('retries a failing job with backoff, then finishes it', async () => {
    const k = kind('flaky')
    let calls = 0
    const flaky: JobHandler = async () => {
      calls++
      if (calls === 1) throw new Error('provider down')
    }
    const runner = createJobRunner(t.deps, { handlers: { [k]: flaky }, log: silent })
    const now = new Date()
    t.setNow(now)
    try {
      const id = (await jobs.insertJob(t.db, { kind: k, runAt: now })) as number
      expect(await runner.tick()).toBe(0)
      const failed = await jobs.findJob(t.db, id)
      expect([failed?.attempts, failed?.last_error, failed?.done_at, failed?.locked_by]).toEqual([1, 'provider down', null, null])
      expect(failed?.run_at.getTime()).toBe(now.getTime() + retryDelayMs(1, null))
      // Not before the backoff has passed.
      at(now, 5_000)
      expect(await runner.tick()).toBe(0)
      at(now, 10_001)
      expect(await runner.tick()).toBe(1)
      expect(calls).toBe(2)
      expect((await jobs.findJob(t.db, id))?.done_at).not.toBeNull()
    } finally {
      t.setNow(undefined)
    }
  })

  it('gives up after max_attempts and keeps the last error', async () => {
    const k = kind('broken')
    const runner = createJobRunner(t.deps, { handlers: { [k]: async () => { throw new Error('always') } }, log: silent })
    const now = new Date()
    try {
      const id = (await jobs.insertJob(t.db, { kind: k, runAt: now, maxAttempts: 2 })) as number
      t.setNow(now)
      await runner.tick()
      at(now, 3_600_000)
      await runner.tick()
      at(now, 7_200_000)
      expect(await runner.tick()).toBe(0)
      const row = await jobs.findJob(t.db, id)
      expect([row?.attempts, row?.last_error, row?.done_at]).toEqual([2, 'always', null])
    } finally {
      t.setNow(undefined)
    }
  })

  it('hands a job whose lease ran out to another runner; the first one cannot finish it afterwards', async () => {
    const k = kind('lease')
    const now = new Date()
    const id = (await jobs.insertJob(t.db, { kind: k, runAt: now })) as number
    const [stuck] = await jobs.claimDueJobs(t.db, now, 'crashed-process', new Date(now.getTime() + 1000), 5)
    expect(stuck?.id).toBe(id)
    let runs = 0
    const runner = createJobRunner(t.deps, { handlers: { [k]: async () => void runs++ }, log: silent })
    t.setNow(now)
    try {
      expect(await runner.tick()).toBe(0)
      at(now, 2000)
      expect(await runner.tick()).toBe(1)
      expect(runs).toBe(1)
      expect(await jobs.finishJob(t.db, id, 'crashed-process', new Date())).toBe(false)
    } finally {
      t.setNow(undefined)
    }
  })

  it('deduplicates by key, and reschedules a recurring job after each run', async () => {
    const k = kind('recurring')
    expect(await jobs.insertJob(t.db, { kind: k, runAt: new Date(), dedupeKey: `once-${k}` })).not.toBeNull()
    expect(await jobs.insertJob(t.db, { kind: k, runAt: new Date(), dedupeKey: `once-${k}` })).toBeNull()

    const r = kind('every')
    const now = new Date()
    await ensureRecurringJob(t.db, r, 60_000, now)
    await ensureRecurringJob(t.db, r, 60_000, now)
    const rows = await t.db.selectFrom('jobs').selectAll().where('kind', '=', r).execute()
    expect(rows).toHaveLength(1)
    let runs = 0
    const runner = createJobRunner(t.deps, { handlers: { [r]: async () => void runs++ } , log: silent })
    t.setNow(now)
    try {
      await runner.tick()
      expect(await runner.tick()).toBe(0)
      at(now, 60_001)
      await runner.tick()
      expect(runs).toBe(2)
      const row = await jobs.findJob(t.db, Number(rows[0]?.id))
      expect([row?.done_at, row?.attempts]).toEqual([null, 0])
      expect(row?.run_at.getTime()).toBe(now.getTime() + 60_001 + 60_000)
    } finally {
      t.setNow(undefined)
    }
  })

  it('stops polling and waits for the tick in progress', async () => {
    const k = kind('stop')
    let finished = false
    await jobs.insertJob(t.db, { kind: k, runAt: new Date(Date.now() - 1000) })
    const runner = createJobRunner(t.deps, {
      handlers: {
        [k]: async () => {
          await new Promise((r) => setTimeout(r, 100))
          finished = true
        },
      },
      log: silent,
    })
    runner.start(10)
    await new Promise((r) => setTimeout(r, 50))
    await runner.stop()
    expect(finished).toBe(true)
  })
})

describe('retry delays', () => {
  it('double from 10 s, cap at an hour, and never exceed a recurring job interval', () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, null))).toEqual([10_000, 20_000, 40_000, 80_000])
    expect(retryDelayMs(30, null)).toBe(3_600_000)
    expect(retryDelayMs(5, 60_000)).toBe(60_000)
  })
})
