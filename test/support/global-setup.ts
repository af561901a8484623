import type { TestProject } from 'vitest/node'
import { openPostgres } from '../../src/db/client'
import { migrateToLatest } from '../../src/db/migrate'
import { adminUrl, databaseUrl } from './urls'

/**
 * With TEST_DATABASE_URL: creates this run's template database (migrated once) that every test
 * file clones, and drops everything the run created at the end. Without it, nothing to do:
 * each test file opens its own in-memory PGlite.
 */
export default async function setup(project: TestProject) {
  const serverUrl = process.env.TEST_DATABASE_URL
  const runId = `o2o_t${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`
  project.provide('testRunId', runId)
  if (!serverUrl) return

  const admin = openPostgres(adminUrl(serverUrl), { max: 1 })
  const { sql } = await import('kysely')
  const template = `${runId}_tpl`
  await sql`CREATE DATABASE ${sql.id(template)}`.execute(admin.db)
  const tpl = openPostgres(databaseUrl(serverUrl, template), { max: 1 })
  try {
    await migrateToLatest(tpl.db)
  } finally {
    await tpl.close()
  }

  return async () => {
    const rows = await sql<{ datname: string }>`SELECT datname FROM pg_database WHERE datname LIKE ${`${runId}%`}`.execute(admin.db)
    for (const { datname } of rows.rows) {
      await sql`DROP DATABASE IF EXISTS ${sql.id(datname)} WITH (FORCE)`.execute(admin.db)
    }
    await admin.close()
  }
}

declare module 'vitest' {
  export interface ProvidedContext {
    testRunId: string
  }
}
