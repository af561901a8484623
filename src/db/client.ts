import { Kysely, PostgresDialect, type RawBuilder, sql } from 'kysely'
import pg from 'pg'
import type { Config } from '../config'
import type { Database, DatabaseKind } from './database'

/** An open database: the Kysely handle, which backend it is, and how to close it. */
export interface DatabaseHandle {
  db: Kysely<Database>
  kind: DatabaseKind
  close(): Promise<void>
  /**
   * Calls `onPayload` for every NOTIFY on `channel` from any process (a dedicated connection on a
   * server, the instance itself on PGlite); resolves to a function that stops listening.
   */
  listen?(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>
}

// bigint (count(*), money) fits a JS number for every value we store; read it as one.
const INT8_OID = 20
pg.types.setTypeParser(INT8_OID, (v) => Number(v))

/** Starts a hot read query that each connection keeps prepared (parsed once, plans reused). */
export const PREPARED = '/* prepared */'

/**
 * A row count (LIMIT) written into a PREPARED statement's text rather than sent as a parameter:
 * with a parameter the planner guesses a tenth of each arm, finds the generic plan dear and plans
 * every call afresh, which can cost more than the run. One text per count then keeps one plan, so
 * use it for counts from a small set (page sizes, constants).
 */
export function rowCount(n: number): RawBuilder<number> {
  if (!Number.isInteger(n) || n < 1) throw new Error(`a row count must be a positive integer, got ${n}`)
  return sql.lit(n)
}

/** A short, stable statement name for a query text (53-bit string hash, as hex). */
export function statementName(text: string): string {
  let h1 = 0xdeadbeef
  let h2 = 0x41c6ce57
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i)
    h1 = Math.imul(h1 ^ ch, 2654435761)
    h2 = Math.imul(h2 ^ ch, 1597334677)
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909)
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909)
  return `q${(4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16)}`
}

// Queries marked PREPARED become named statements: Postgres parses them once per connection and,
// after a few runs, may keep one generic plan instead of planning every call.
class PreparingClient extends pg.Client {
  constructor(config?: string | pg.ClientConfig) {
    super(config)
    // A connection that dies (restart, failover, pg_terminate_backend) emits 'error' on its client,
    // checked out or idle; unheard, that kills the process. The queries it carried fail on their
    // own (→ 503), and the pool drops the dead client on release and connects a fresh one.
    this.on('error', (err) => console.error(`postgres connection lost: ${err.message}`))
  }

  // biome-ignore lint: pg's query() has many overloads; this forwards all of them
  override query(config: any, values?: any, callback?: any): any {
    if (typeof config === 'string' && config.startsWith(PREPARED) && Array.isArray(values) && !callback) {
      return super.query({ name: statementName(config), text: config, values })
    }
    return super.query(config, values, callback)
  }
}

/** Limits that keep one slow query, lock or stuck transaction from holding the whole pool. Milliseconds; 0 = none. */
export interface DatabaseTimeouts {
  /** Longest wait for a pooled connection (or a new one to connect). */
  acquireMs: number
  /** Postgres `statement_timeout`: a statement running longer is cancelled (SQLSTATE 57014). */
  statementMs: number
  /** Postgres `lock_timeout`: a lock wait longer than this fails (SQLSTATE 55P03). */
  lockMs: number
  /** Postgres `idle_in_transaction_session_timeout`: a transaction left idle this long loses its connection. */
  idleInTransactionMs: number
}

/** The serving timeouts from configuration (DB_*_MS variables). */
export function databaseTimeouts(config: Config): DatabaseTimeouts {
  return {
    acquireMs: config.DB_POOL_ACQUIRE_TIMEOUT_MS,
    statementMs: config.DB_STATEMENT_TIMEOUT_MS,
    lockMs: config.DB_LOCK_TIMEOUT_MS,
    idleInTransactionMs: config.DB_IDLE_IN_TRANSACTION_TIMEOUT_MS,
  }
}

export interface PostgresOptions {
  max?: number
  /**
   * Set on every connection of the pool. Leave out for work that legitimately runs long —
   * migrations, seeding, bulk loads — whose connections then have no limits.
   */
  timeouts?: DatabaseTimeouts
}

/** Connects to a Postgres/PostGIS server through a pg Pool. */
export function openPostgres(connectionString: string, options: PostgresOptions = {}): DatabaseHandle {
  const t = options.timeouts
  const pool = new pg.Pool({
    connectionString,
    max: options.max ?? 10,
    // JIT compiling takes ~5 ms per query; ours are short index lookups that it never pays back.
    options: '-c jit=off',
    Client: PreparingClient,
    // Sent as startup parameters, so each setting holds from the connection's first statement.
    ...(t && {
      connectionTimeoutMillis: t.acquireMs,
      statement_timeout: t.statementMs,
      lock_timeout: t.lockMs,
      idle_in_transaction_session_timeout: t.idleInTransactionMs,
    }),
  })
  // pg-pool re-emits an idle client's error here and drops the client; the client's own listener logged it.
  pool.on('error', () => {})
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
  const stops = new Set<() => Promise<void>>()
  return {
    db,
    kind: 'postgres',
    close: async () => {
      await Promise.all([...stops].map((stop) => stop()))
      await db.destroy()
    },
    listen: async (channel, onPayload) => {
      const stop = await listenOnDedicatedConnection(connectionString, channel, onPayload)
      stops.add(stop)
      return async () => {
        stops.delete(stop)
        await stop()
      }
    },
  }
}

/**
 * LISTENs on a connection of its own (a pooled one would be handed to other queries); when it
 * drops, it reconnects after a second. Notifications sent while it was down are lost, which the
 * event stream's replay (Last-Event-ID) covers.
 */
async function listenOnDedicatedConnection(connectionString: string, channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>> {
  let stopped = false
  let client: pg.Client | undefined
  let retry: ReturnType<typeof setTimeout> | undefined
  const connect = async (): Promise<void> => {
    const next = new pg.Client({ connectionString })
    next.on('notification', (n) => {
      if (n.channel === channel && n.payload !== undefined) onPayload(n.payload)
    })
    const reconnect = () => {
      if (stopped || client !== next) return
      client = undefined
      retry = setTimeout(() => connect().catch(() => reconnect()), 1000)
      retry.unref?.()
    }
    next.on('error', (err) => {
      console.error(`event listener connection lost: ${err.message}`)
      reconnect()
    })
    next.on('end', reconnect)
    client = next
    await next.connect()
    await next.query(`LISTEN "${channel.replace(/"/g, '""')}"`)
  }
  await connect()
  return async () => {
    stopped = true
    if (retry) clearTimeout(retry)
    const last = client
    client = undefined
    await last?.end().catch(() => {})
  }
}

/**
 * One connection for one Workers request (Workers forbid I/O objects crossing requests); close it
 * with ctx.waitUntil. `prepared` names the hot statements (through Hyperdrive, whose pooled origin
 * connections outlive the request and keep them); a direct connection living one request would
 * parse them once and never reuse them, so it sends plain ones.
 */
export function openRequestConnection(connectionString: string, timeouts: DatabaseTimeouts, options: { prepared?: boolean } = {}): DatabaseHandle {
  const pool = new pg.Pool({
    connectionString,
    max: 1,
    options: '-c jit=off',
    ...(options.prepared && { Client: PreparingClient }),
    connectionTimeoutMillis: timeouts.acquireMs,
    statement_timeout: timeouts.statementMs,
    lock_timeout: timeouts.lockMs,
    idle_in_transaction_session_timeout: timeouts.idleInTransactionMs,
  })
  pool.on('error', () => {})
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
  return { db, kind: 'postgres', close: () => db.destroy() }
}
