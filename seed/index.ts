import { parseConfig } from '../src/config'
import { migrateToLatest } from '../src/db/migrate'
import { openForMaintenance } from '../src/db/open-for-maintenance'
import { openMediaStorage } from '../src/uploads/open-storage'
import { seedDemo } from './demo'
import { seedDemoPhotos } from './photos'

/**
 * `npm run seed`: loads the demo data into DATABASE_URL (run `npm run migrate` first), or into the
 * embedded database in DATA_DIR (migrated here). Safe to repeat: existing demo rows are left alone.
 * Under NODE_ENV=production it refuses unless SEED_DEMO=always: the demo accounts share a public password.
 */
async function main() {
  const config = parseConfig(process.env)
  const log = (m: string) => console.log(`[seed] ${m}`)
  if (config.NODE_ENV === 'production' && config.SEED_DEMO !== 'always') {
    throw new Error('NODE_ENV=production: demo accounts with a public password are not seeded unless SEED_DEMO=always')
  }
  const handle = await openForMaintenance(config, log)
  // A server database is migrated by `npm run migrate`; the embedded one is migrated here.
  if (!config.DATABASE_URL) await migrateToLatest(handle.db)
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
