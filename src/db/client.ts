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

/** Starts a hot read query that each connection keeps prepared (parsed once, plans reused). */
export const PREPARED = '/* prepared */'

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
  // biome-ignore lint: pg's query() has many overloads; this forwards all of them
  override query(config: any, values?: any, callback?: any): any {
    if (typeof config === 'string' && config.startsWith(PREPARED) && Array.isArray(values) && !callback) {
      return super.query({ name: statementName(config), text: config, values })
    }
    return super.query(config, values, callback)
  }
}

/** Connects to a Postgres/PostGIS server through a pg Pool. */
export function openPostgres(connectionString: string, options: { max?: number } = {}): DatabaseHandle {
  // JIT compiling takes ~5 ms per query; ours are short index lookups that it never pays back.
  const pool = new pg.Pool({ connectionString, max: options.max ?? 10, options: '-c jit=off', Client: PreparingClient })
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', (err) => console.error('postgres pool error:', err.message))
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
  return { db, kind: 'postgres', close: () => db.destroy() }
}
