import { mkdir } from 'node:fs/promises'
import { parseConfig } from '../src/config'
import { openPostgres } from '../src/db/client'
import { migrateToLatest } from '../src/db/migrate'
import { openPglite } from '../src/db/pglite'
import { openMediaStorage } from '../src/uploads/open-storage'
import { seedDemo } from './demo'
import { seedDemoPhotos } from './photos'

/**
 * `npm run seed`: loads the demo data into DATABASE_URL (run `npm run migrate` first), or into the
 * embedded database in DATA_DIR (migrated here). Safe to repeat: existing demo rows are left alone.
 */
async function main() {
  const config = parseConfig(process.env)
  const log = (m: string) => console.log(`[seed] ${m}`)
  let handle
  if (config.DATABASE_URL) {
    handle = openPostgres(config.DATABASE_URL, { max: 1 })
  } else {
    await mkdir(config.DATA_DIR, { recursive: true })
    handle = await openPglite(config.DATA_DIR, log)
    await migrateToLatest(handle.db)
  }
  try {
    const result = await seedDemo(handle.db, { log })
    if (result) log(`demo data ready: ${result.merchants} storefronts in ${result.cities.join(', ')}`)
    await seedDemoPhotos(handle.db, await openMediaStorage(config), { log })
    log('demo accounts: alice@demo.o2o (consumer), bob@demo.o2o (merchant), password demo-password-1')
  } finally {
    await handle.close()
  }
}

main().catch((err) => {
  const message = err instanceof Error ? err.message : String(err)
  const hint = /relation "\w+" does not exist/.test(message) ? ' (run `npm run migrate` first)' : ''
  console.error(`[seed] ${message}${hint}`)
  process.exit(1)
})
