import { sql } from 'kysely'
import type pg from 'pg'
import { from as copyFrom } from 'pg-copy-streams'
import { pipeline } from 'node:stream/promises'
import { Readable } from 'node:stream'
import type { DatabaseHandle } from '../../src/db/client'
import { h3Columns } from '../../src/geo/h3'
import { hashPassword } from '../../src/auth/password'
import { Random } from '../../seed/random'
import { loadReviews } from './reviews'
import { BENCH_CATEGORIES, BENCH_CITIES, HOURS_JSON, pointNear } from './synthetic'

/** Bump when the synthetic rows themselves change (what is loaded, not the schema they live in). */
const DATASET_VERSION = 'generator-2'

export const BENCH_PASSWORD = 'bench-password-1'
const CONSUMER_EMAIL = 'bench-consumer@bench.o2o'
const OWNER_EMAIL = 'bench-owner@bench.o2o'

export interface Dataset {
  merchants: number
  /**
   * The generator version the data was loaded with. A new migration does not reload: it runs on
   * the loaded rows, as it would on a production database (and must backfill what it adds).
   */
  schema: string
  reused: boolean
  loadSeconds: number
  orderTarget: { merchantId: string; offeringId: string } | null
}

/** Loads `count` synthetic merchants with COPY (reusing an identical earlier load), then ANALYZE. */
export async function ensureDataset(handle: DatabaseHandle, client: pg.PoolClient, count: number, log: (m: string) => void): Promise<Dataset> {
  const db = handle.db
  const schema = DATASET_VERSION
  await sql`CREATE TABLE IF NOT EXISTS bench_dataset (id int PRIMARY KEY, merchants int NOT NULL, loaded_at timestamptz NOT NULL)`.execute(db)
  await sql`ALTER TABLE bench_dataset ADD COLUMN IF NOT EXISTS schema text`.execute(db)
  const marker = await sql<{ merchants: number; schema: string | null }>`SELECT merchants, schema FROM bench_dataset WHERE id = 1`.execute(db)
  const found = marker.rows[0]
  if (found?.merchants === count && found.schema === schema) {
    log(`reusing the loaded dataset of ${count.toLocaleString()} merchants (generator ${schema})`)
    return { merchants: count, schema, reused: true, loadSeconds: 0, orderTarget: await findOrderTarget(handle) }
  }
  if (found) log(`the loaded dataset (${found.merchants.toLocaleString()} merchants, generator ${found.schema ?? 'unknown'}) does not match: reloading`)

  const started = Date.now()
  log(`loading ${count.toLocaleString()} synthetic merchants with COPY…`)
  await sql`DELETE FROM bench_dataset`.execute(db)
  await sql`TRUNCATE merchants, users RESTART IDENTITY CASCADE`.execute(db)
  const passwordHash = await hashPassword(BENCH_PASSWORD)
  const owner = await db.insertInto('users').values({ email: OWNER_EMAIL, name: 'Bench owner', role: 'merchant', password_hash: passwordHash }).returning('id').executeTakeFirstOrThrow()
  await db.insertInto('users').values({ email: CONSUMER_EMAIL, name: 'Bench consumer', role: 'consumer', password_hash: passwordHash }).execute()

  // Building indexes once after the load is far cheaper than maintaining them row by row.
  const indexes = await sql<{ indexname: string; indexdef: string }>`
    SELECT i.indexname, i.indexdef FROM pg_indexes i
    WHERE i.tablename = 'merchants' AND i.indexname NOT IN (
      SELECT conname FROM pg_constraint WHERE conrelid = 'merchants'::regclass)`.execute(db)
  for (const ix of indexes.rows) await sql`DROP INDEX ${sql.id(ix.indexname)}`.execute(db)

  await pipeline(Readable.from(merchantRows(count, owner.id)), client.query(copyFrom(
    'COPY merchants (owner_id, name, category, tags, lat, lng, h3_r9, h3_r8, h3_r7, h3_r6, h3_r5, h3_r4, h3_r3, timezone, hours, status) FROM STDIN',
  )))
  log(`copied in ${((Date.now() - started) / 1000).toFixed(1)} s; building ${indexes.rows.length} indexes…`)
  for (const ix of indexes.rows) await sql.raw(ix.indexdef).execute(db)

  await loadReviews(handle, log)

  const first = await db.selectFrom('merchants').select(['id', 'currency']).where('category', '=', 'coffee').orderBy('id').limit(1).executeTakeFirstOrThrow()
  await db.insertInto('offerings').values({ merchant_id: first.id, name: 'Latte', description: null, kind: 'product', price_cents: 3200, currency: first.currency, duration_min: null }).execute()
  // Sets hint bits and the visibility map once, as autovacuum would on a long-lived database;
  // otherwise the first reads rewrite every page and index-only scans still visit the heap.
  await sql`VACUUM (FREEZE, ANALYZE)`.execute(db)
  await sql`INSERT INTO bench_dataset (id, merchants, loaded_at, schema) VALUES (1, ${count}, now(), ${schema})`.execute(db)
  const loadSeconds = (Date.now() - started) / 1000
  log(`dataset ready in ${loadSeconds.toFixed(1)} s`)
  return { merchants: count, schema, reused: false, loadSeconds, orderTarget: await findOrderTarget(handle) }
}

async function findOrderTarget(handle: DatabaseHandle) {
  const row = await handle.db.selectFrom('offerings').select(['id', 'merchant_id']).where('active', '=', true).limit(1).executeTakeFirst()
  return row ? { merchantId: row.merchant_id, offeringId: row.id } : null
}

export const BENCH_CONSUMER = { email: CONSUMER_EMAIL, password: BENCH_PASSWORD }

/** COPY text rows, generated lazily in chunks so a million rows never sit in memory at once. */
function* merchantRows(count: number, ownerId: string): Generator<string> {
  const rng = new Random(20261123)
  const cities = BENCH_CITIES.map((c) => [c, c.weight] as [typeof c, number])
  let chunk: string[] = []
  for (let i = 0; i < count; i++) {
    const city = rng.weighted(cities)
    const { lat, lng } = pointNear(city, rng)
    const category = rng.weighted(BENCH_CATEGORIES)
    const h3 = h3Columns(lat, lng)
    // Ratings now come from the reviews loaded afterwards; the draws stay so the places and
    // categories of earlier loads do not change.
    if (rng.chance(0.7)) {
      rng.next()
      rng.next()
      rng.next()
    }
    const hours = rng.pick(HOURS_JSON)
    chunk.push(
      [ownerId, `${city.name} ${category} ${i}`, category, `{${category},bench}`, lat.toFixed(7), lng.toFixed(7), h3.h3_r9, h3.h3_r8, h3.h3_r7, h3.h3_r6, h3.h3_r5, h3.h3_r4, h3.h3_r3, city.timezone, hours, 'active'].join('\t'),
    )
    if (chunk.length === 5000) {
      yield `${chunk.join('\n')}\n`
      chunk = []
    }
  }
  if (chunk.length) yield `${chunk.join('\n')}\n`
}
