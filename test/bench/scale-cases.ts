import pg from 'pg'
import { startServerProcess } from '../support/server-process'
import { type HttpCase, runHttpCase } from './http-load'
import type { CaseResult } from './measure'

/** The rows scaleCases adds (for --only). */
export const SCALE_CASE_NAMES = ['nearby 2 km, 1 process (baseline)', 'nearby 2 km, WEB_CONCURRENCY=2', 'nearby 2 km, via read replica']

/**
 * Nearby search through one process and then WEB_CONCURRENCY=2, back to back on fresh servers (so
 * the two rows compare like with like), then through a read replica (BENCH_REPLICA_URL, the same
 * server's replica; skipped with a reason when unset).
 */
export async function scaleCases(benchUrl: string, jwtSecret: string, nearby: HttpCase, connections: number, seconds: number, log: (m: string) => void): Promise<CaseResult[]> {
  const results: CaseResult[] = []
  for (const [processes, name] of [['1', SCALE_CASE_NAMES[0]], ['2', SCALE_CASE_NAMES[1]]] as const) {
    const api = await startServerProcess({ DATABASE_URL: benchUrl, JWT_SECRET: jwtSecret, WEB_CONCURRENCY: processes }, { echo: 'stderr' })
    try {
      await new Promise((r) => setTimeout(r, 3000)) // every worker finishes starting
      log(`running nearby 2 km through ${processes} process(es)…`)
      results.push(await runHttpCase(api.url, { ...nearby, name: name as string }, connections, seconds))
    } finally {
      await api.stop()
    }
  }

  const replicaBase = process.env.BENCH_REPLICA_URL
  if (!replicaBase) {
    log('replica case skipped: set BENCH_REPLICA_URL to a streaming replica of this server (.ci/replica.sh builds a pair on 5434/5435)')
    return results
  }
  const replicaUrl = new URL(replicaBase)
  replicaUrl.pathname = new URL(benchUrl).pathname
  if (!(await caughtUp(benchUrl, replicaUrl.toString()))) {
    log('replica case skipped: the replica did not catch up with the benchmark data within 120 s')
    return results
  }
  const viaReplica = await startServerProcess({ DATABASE_URL: benchUrl, DATABASE_READ_URL: replicaUrl.toString(), JWT_SECRET: jwtSecret }, { echo: 'stderr' })
  try {
    log('running nearby 2 km through the replica…')
    results.push(await runHttpCase(viaReplica.url, { ...nearby, name: SCALE_CASE_NAMES[2] as string }, connections, seconds))
  } finally {
    await viaReplica.stop()
  }
  return results
}

// The replica has replayed everything the primary had written when we asked.
async function caughtUp(primaryUrl: string, replicaUrl: string): Promise<boolean> {
  const primary = new pg.Client({ connectionString: primaryUrl })
  await primary.connect()
  const lsn = (await primary.query('SELECT pg_current_wal_lsn()::text AS lsn')).rows[0].lsn as string
  await primary.end()
  for (let i = 0; i < 240; i++) {
    const replica = new pg.Client({ connectionString: replicaUrl })
    try {
      await replica.connect()
      const { rows } = await replica.query('SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS done', [lsn])
      if (rows[0].done) return true
    } catch {
      // the database may not exist there yet
    } finally {
      await replica.end().catch(() => {})
    }
    await new Promise((r) => setTimeout(r, 500))
  }
  return false
}
