import { type DatabaseConnection, type Driver, Kysely, PostgresAdapter, PostgresDriver, PostgresIntrospector, PostgresQueryCompiler, type TransactionSettings } from 'kysely'
import pg from 'pg'
import type { AppDeps } from '../context'
import type { DatabaseTimeouts } from './client'
import type { Database } from './database'

/** The handle for reads that may be a little stale (searches, maps, tiles, public listings): a replica when one is healthy. */
export function readHandle(deps: AppDeps): Kysely<Database> {
  return deps.readDb ?? deps.db
}

interface Member {
  name: string
  driver: PostgresDriver
  pool: pg.Pool
  healthy: boolean
}

export interface ReadReplicas {
  /** Routes each query (or transaction) to the next healthy replica, else to the primary. */
  db: Kysely<Database>
  /** Which replicas serve now (for logs and tests). */
  status(): Array<{ name: string; healthy: boolean }>
  /** Checks every replica now (also done every `checkEveryMs`). */
  check(): Promise<void>
  close(): Promise<void>
}

function member(name: string, connectionString: string, max: number, timeouts: DatabaseTimeouts, applicationName: string): Member {
  const pool = new pg.Pool({
    connectionString,
    max,
    application_name: applicationName,
    options: '-c jit=off',
    connectionTimeoutMillis: Math.min(timeouts.acquireMs || 2000, 2000),
    statement_timeout: timeouts.statementMs,
  })
  pool.on('error', () => {})
  return { name, pool, driver: new PostgresDriver({ pool }), healthy: false }
}

// Replication lag in ms: 0 when the replica has replayed everything the primary had written at the
// check ($1, or what it has received when the primary did not answer), else the time since its last
// replayed transaction. Comparing with the primary's position (not only the replica's own receive
// position) catches a replica cut off from its primary, which receives nothing and so looks current.
const LAG_SQL = `SELECT pg_is_in_recovery() AS replica,
  CASE WHEN pg_last_wal_replay_lsn() >= COALESCE($1::pg_lsn, pg_last_wal_receive_lsn()) THEN 0
       ELSE COALESCE(EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()) * 1000, 'Infinity') END AS lag_ms`

/**
 * Opens a pool per replica URL (`application_name` o2o-read-<n>) plus a small primary pool for
 * fallback. A replica serves only while a check finds it reachable, in recovery, and no more than
 * `maxLagMs` behind; otherwise reads quietly go to the primary.
 */
export function openReadReplicas(
  urls: string[],
  options: { primaryUrl: string; maxLagMs: number; max: number; timeouts: DatabaseTimeouts; checkEveryMs?: number; log?: (m: string) => void },
): ReadReplicas {
  const replicas = urls.map((url, i) => member(`replica ${i + 1}`, url, options.max, options.timeouts, `o2o-read-${i + 1}`))
  const primary = member('primary', options.primaryUrl, Math.max(2, Math.floor(options.max / 2)), options.timeouts, 'o2o-read-fallback')
  primary.healthy = true
  const owner = new WeakMap<DatabaseConnection, Member>()
  let next = 0

  const pick = (): Member => {
    const up = replicas.filter((r) => r.healthy)
    if (up.length === 0) return primary
    return up[next++ % up.length] as Member
  }

  const check = async (r: Member, primaryLsn: string | null) => {
    let healthy = false
    try {
      const { rows } = await r.pool.query(LAG_SQL, [primaryLsn])
      healthy = rows[0]?.replica === true && Number(rows[0]?.lag_ms) <= options.maxLagMs
    } catch {
      healthy = false
    }
    if (healthy !== r.healthy) options.log?.(`${r.name} ${healthy ? 'serves reads' : 'down or lagging: reads go to the primary'}`)
    r.healthy = healthy
  }
  const checkAll = async () => {
    const primaryLsn = await primary.pool
      .query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn')
      .then(({ rows }) => rows[0]?.lsn ?? null)
      .catch(() => null)
    await Promise.all(replicas.map((r) => check(r, primaryLsn)))
  }

  const driver: Driver = {
    async init() {
      await Promise.all([...replicas, primary].map((m) => m.driver.init()))
    },
    async acquireConnection() {
      const first = pick()
      try {
        const conn = await first.driver.acquireConnection()
        owner.set(conn, first)
        return conn
      } catch (err) {
        // A replica that died since the last check: mark it and serve this read from the primary.
        if (first === primary) throw err
        first.healthy = false
        options.log?.(`${first.name} unreachable: reads go to the primary`)
        const conn = await primary.driver.acquireConnection()
        owner.set(conn, primary)
        return conn
      }
    },
    beginTransaction: (conn: DatabaseConnection, settings: TransactionSettings) => (owner.get(conn) ?? primary).driver.beginTransaction(conn as never, settings),
    commitTransaction: (conn: DatabaseConnection) => (owner.get(conn) ?? primary).driver.commitTransaction(conn as never),
    rollbackTransaction: (conn: DatabaseConnection) => (owner.get(conn) ?? primary).driver.rollbackTransaction(conn as never),
    releaseConnection: (conn: DatabaseConnection) => (owner.get(conn) ?? primary).driver.releaseConnection(conn as never),
    async destroy() {
      await Promise.all([...replicas, primary].map((m) => m.pool.end().catch(() => {})))
    },
  }
  const db = new Kysely<Database>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => driver,
      createIntrospector: (k) => new PostgresIntrospector(k),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
  })
  const timer = setInterval(() => void checkAll(), options.checkEveryMs ?? 2000)
  timer.unref()
  return {
    db,
    status: () => replicas.map((r) => ({ name: r.name, healthy: r.healthy })),
    check: checkAll,
    close: async () => {
      clearInterval(timer)
      await db.destroy()
    },
  }
}
