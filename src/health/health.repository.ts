import { sql } from 'kysely'
import type { Executor } from '../db/database'

/** Names of the migrations recorded as applied (Kysely's `kysely_migration` table); none when it is absent. */
export async function appliedMigrationNames(db: Executor): Promise<string[]> {
  const table = await sql<{ present: boolean }>`SELECT to_regclass('kysely_migration') IS NOT NULL AS present`.execute(db)
  if (!table.rows[0]?.present) return []
  const { rows } = await sql<{ name: string }>`SELECT name FROM kysely_migration`.execute(db)
  return rows.map((r) => r.name)
}
