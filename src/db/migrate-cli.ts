import { parseConfig } from '../config'
import { migrateToLatest } from './migrate'
import { openForMaintenance } from './open-for-maintenance'

/** `npm run migrate`: migrates DATABASE_URL, or the embedded database in DATA_DIR. */
async function main() {
  const config = parseConfig(process.env)
  const log = (m: string) => console.log(`[migrate] ${m}`)
  const handle = await openForMaintenance(config, log)
  try {
    const results = await migrateToLatest(handle.db)
    if (!results?.length) log('already up to date')
    for (const r of results ?? []) log(`${r.status}: ${r.migrationName}`)
  } finally {
    await handle.close()
  }
}

main().catch((err) => {
  console.error(`[migrate] ${err instanceof Error ? err.message : String(err)}`)
  process.exit(1)
})
