import { parseConfig } from '../config'
import { openPostgres } from './client'
import { prepareDataDir } from './data-dir'
import { migrateToLatest } from './migrate'
import { openPglite } from './pglite'

/** `npm run migrate`: migrates DATABASE_URL, or the embedded database in DATA_DIR. */
async function main() {
  const config = parseConfig(process.env)
  const log = (m: string) => console.log(`[migrate] ${m}`)
  // No timeouts: a migration may rewrite a large table or wait for a lock as long as it takes.
  let handle
  if (config.DATABASE_URL) {
    handle = openPostgres(config.DATABASE_URL, { max: 1 })
  } else {
    await prepareDataDir(config.DATA_DIR)
    handle = await openPglite(config.DATA_DIR, log)
  }
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
