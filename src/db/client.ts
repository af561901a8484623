import { Kysely, PostgresDialect } from 'kysely'
import pg from 'pg'
import type { Database, DatabaseKind } from './database'

/** An open database: the Kysely handle, which backend it is, and how to close it. */
export interface DatabaseHandle {
  db: Kysely<Database>
  kind: DatabaseKind
  close(): Promise<void>
}

// bigint (count(*), money) fits a JS number for every value we store; read it as one.
const INT8_OID = 20
pg.types.setTypeParser(INT8_OID, (v) => Number(v))

/** Connects to a Postgres/PostGIS server through a pg Pool. */
export function openPostgres(connectionString: string, options: { max?: number } = {}): DatabaseHandle {
  // JIT compiling takes ~5 ms per query; ours are short index lookups that it never pays back.
  const pool = new pg.Pool({ connectionString, max: options.max ?? 10, options: '-c jit=off' })
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', (err) => console.error('postgres pool error:', err.message))
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
  return { db, kind: 'postgres', close: () => db.destroy() }
}
