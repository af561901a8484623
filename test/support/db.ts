import { sql } from 'kysely'
import { inject } from 'vitest'
import { type DatabaseHandle, openPostgres } from '../../src/db/client'
import { migrateToLatest } from '../../src/db/migrate'
import { openPglite } from '../../src/db/pglite'
import { adminUrl, databaseUrl } from './urls'

let counter = 0

/** A test database; `url` is its connection string on the TEST_DATABASE_URL server (absent on PGlite). */
export interface TestDatabaseHandle extends DatabaseHandle {
  url?: string
}

/**
 * A fresh, migrated database for one test file: a clone of the run's template on the
 * TEST_DATABASE_URL server, or an in-memory PGlite when no server is given.
 */
export function openTestDatabase(): Promise<TestDatabaseHandle> {
  return openDatabase({ migrated: true })
}

/** A database with nothing in it yet (no migrations run), on the same backend as the tests. */
export function openEmptyDatabase(): Promise<TestDatabaseHandle> {
  return openDatabase({ migrated: false })
}

async function openDatabase({ migrated }: { migrated: boolean }): Promise<TestDatabaseHandle> {
  const serverUrl = process.env.TEST_DATABASE_URL
  if (!serverUrl) {
    const handle = await openPglite(undefined)
    if (migrated) await migrateToLatest(handle.db)
    return handle
  }
  const runId = inject('testRunId')
  const name = `${runId}_${process.pid}_${++counter}`
  const admin = openPostgres(adminUrl(serverUrl), { max: 1 })
  try {
    const template = migrated ? `${runId}_tpl` : 'template0'
    await sql`CREATE DATABASE ${sql.id(name)} TEMPLATE ${sql.id(template)}`.execute(admin.db)
  } finally {
    await admin.close()
  }
  const url = databaseUrl(serverUrl, name)
  const handle = openPostgres(url, { max: 12 })
  return {
    ...handle,
    url,
    close: async () => {
      await handle.close()
      const dropper = openPostgres(adminUrl(serverUrl), { max: 1 })
      try {
        await sql`DROP DATABASE IF EXISTS ${sql.id(name)} WITH (FORCE)`.execute(dropper.db)
      } finally {
        await dropper.close()
      }
    },
  }
}
