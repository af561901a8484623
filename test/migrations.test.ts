import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { migrations } from '../migrations/index'
import type { DatabaseHandle } from '../src/db/client'
import { migrateToLatest } from '../src/db/migrate'
import { openEmptyDatabase } from './support/db'

let handle: DatabaseHandle

beforeAll(async () => {
  handle = await openEmptyDatabase()
})
afterAll(async () => {
  await handle?.close()
})

describe('migrations from an empty database', () => {
  it('apply every migration in order, then find nothing left to do', async () => {
    const tablesBefore = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public' AND tablename = 'merchants'`.execute(handle.db)
    expect(tablesBefore.rows[0]?.n).toBe(0)

    const first = await migrateToLatest(handle.db)
    expect(first?.map((r) => [r.migrationName, r.status])).toEqual(Object.keys(migrations).map((name) => [name, 'Success']))
    const second = await migrateToLatest(handle.db)
    expect(second).toEqual([])
  })

  it('leave a schema that accepts storefronts without any demo data', async () => {
    const postgis = await sql<{ v: string }>`SELECT extversion AS v FROM pg_extension WHERE extname = 'postgis'`.execute(handle.db)
    expect(postgis.rows[0]?.v).toMatch(/^3\./)
    const categories = await handle.db.selectFrom('categories').select('slug').execute()
    expect(categories.map((c) => c.slug)).toEqual(expect.arrayContaining(['food', 'coffee', 'hair', 'massage', 'laundry', 'repair', 'pet']))
    for (const table of ['users', 'merchants', 'offerings', 'orders', 'order_events'] as const) {
      const exists = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public' AND tablename = ${table}`.execute(handle.db)
      expect(exists.rows[0]?.n, table).toBe(1)
    }
    expect(await handle.db.selectFrom('merchants').select('id').execute()).toEqual([])
  })

  it('enforce invariants in the database itself', async () => {
    const owner = await handle.db
      .insertInto('users')
      .values({ email: 'Owner@Example.test', name: 'Owner', role: 'merchant', password_hash: 'x' })
      .returning('id')
      .executeTakeFirstOrThrow()
    const duplicate = handle.db.insertInto('users').values({ email: 'owner@example.TEST', name: 'Other', role: 'consumer', password_hash: 'x' }).execute()
    await expect(duplicate).rejects.toThrow(/users_email_lower_key/)
    const badLat = sql`INSERT INTO merchants (owner_id, name, category, lat, lng, h3_r9, h3_r8, h3_r7, h3_r6, h3_r5, h3_r4, h3_r3, timezone)
      VALUES (${owner.id}, 'Nowhere', 'coffee', 91, 0, 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'UTC')`.execute(handle.db)
    await expect(badLat).rejects.toThrow(/check constraint/)
    const badStatus = sql`INSERT INTO merchants (owner_id, name, category, lat, lng, h3_r9, h3_r8, h3_r7, h3_r6, h3_r5, h3_r4, h3_r3, timezone, status)
      VALUES (${owner.id}, 'Shop', 'coffee', 30, 120, 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'UTC', 'open')`.execute(handle.db)
    await expect(badStatus).rejects.toThrow(/check constraint/)
    const unknownCategory = sql`INSERT INTO merchants (owner_id, name, category, lat, lng, h3_r9, h3_r8, h3_r7, h3_r6, h3_r5, h3_r4, h3_r3, timezone)
      VALUES (${owner.id}, 'Shop', 'not-a-category', 30, 120, 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'UTC')`.execute(handle.db)
    await expect(unknownCategory).rejects.toThrow(/foreign key/)
  })
})

describe('a migration that lands after higher-numbered ones', () => {
  it('is applied to a database that already holds the later ones (features land in any order)', async () => {
    const db = await openEmptyDatabase()
    try {
      const { Migrator } = await import('kysely/migration')
      const late = '0014_webux'
      const earlier = Object.fromEntries(Object.entries(migrations).filter(([name]) => name !== late))
      const partial = await new Migrator({ db: db.db, provider: { getMigrations: async () => earlier } }).migrateToLatest()
      expect(partial.error).toBeUndefined()
      const results = await migrateToLatest(db.db)
      expect(results?.map((r) => [r.migrationName, r.status])).toEqual([[late, 'Success']])
      expect(await migrateToLatest(db.db)).toEqual([])
    } finally {
      await db.close()
    }
  })
})
