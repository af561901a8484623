import type { Config } from '../config'
import { type DatabaseHandle, openPostgres } from './client'
import { prepareDataDir } from './data-dir'
import { openPglite } from './pglite'

/**
 * Opens the configured database for a command-line task (migrate, seed): one connection to
 * DATABASE_URL, or the embedded database in a private DATA_DIR. No statement or lock timeouts:
 * a migration or the demo load may run and wait as long as it needs.
 */
export async function openForMaintenance(config: Config, log: (m: string) => void): Promise<DatabaseHandle> {
  if (config.DATABASE_URL) return openPostgres(config.DATABASE_URL, { max: 1 })
  await prepareDataDir(config.DATA_DIR)
  return openPglite(config.DATA_DIR, log)
}
