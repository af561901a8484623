import { readFile, writeFile } from 'node:fs/promises'
import { availableParallelism } from 'node:os'
import { join } from 'node:path'
import type { Config } from './config'
import type { AppDeps } from './context'
import { type DatabaseHandle, databaseTimeouts, openPostgres } from './db/client'
import { prepareDataDir } from './db/data-dir'
import { migrateToLatest } from './db/migrate'
import { openReadReplicas } from './db/read-replicas'
import { openPglite } from './db/pglite'
import { passwordHashGate } from './auth/hash-gate'
import { createEventHub } from './events/event-hub'
import { configurePasswordPepper } from './auth/password'
import { createCursorCodec } from './http/cursor'
import { createPaymentProviders } from './payments/provider'
import { openMediaStorage } from './uploads/open-storage'
import { sharpImages } from './uploads/sharp-images'

/** The embedded default keeps random secrets (signing key, password pepper) in its data dir, so they survive restarts. */
async function embeddedSecret(dataDir: string, name = 'jwt-secret'): Promise<string> {
  const file = join(dataDir, name)
  try {
    const existing = (await readFile(file, 'utf8')).trim()
    if (existing.length >= 32) return existing
  } catch {
    // first start: fall through and create it
  }
  const bytes = crypto.getRandomValues(new Uint8Array(32))
  const secret = Buffer.from(bytes).toString('base64url')
  await writeFile(file, `${secret}\n`, { mode: 0o600 })
  return secret
}

/**
 * Opens the configured database (server when DATABASE_URL is set, else embedded PGlite in
 * DATA_DIR, migrated on open) and assembles the app's dependencies. Node only.
 */
export async function openRuntime(config: Config, log: (m: string) => void): Promise<{ deps: AppDeps; handle: DatabaseHandle }> {
  let handle: DatabaseHandle
  let jwtSecret = config.JWT_SECRET
  let pepper = config.PASSWORD_PEPPER
  if (config.DATABASE_URL) {
    if (!jwtSecret) throw new Error('JWT_SECRET (32+ characters) is required when DATABASE_URL is set')
    // About two busy connections per core: more only time-slice the same cores (on 2 cores at
    // ~1,300 nearby searches/s, 4 connections cut p99 from 20 ms to 14 ms against 10).
    handle = openPostgres(config.DATABASE_URL, { max: Math.max(4, 2 * availableParallelism()), timeouts: databaseTimeouts(config) })
  } else {
    await prepareDataDir(config.DATA_DIR)
    jwtSecret ??= await embeddedSecret(config.DATA_DIR)
    pepper ??= await embeddedSecret(config.DATA_DIR, 'password-pepper')
    handle = await openPglite(config.DATA_DIR, log)
    const applied = await migrateToLatest(handle.db)
    if (applied?.length) log(`applied ${applied.length} migration(s): ${applied.map((r) => r.migrationName).join(', ')}`)
  }
  if (!pepper) log('PASSWORD_PEPPER is not set: new password hashes use 600,000 unpeppered iterations, which Workers verify only in JavaScript (~1 s of CPU each)')
  configurePasswordPepper(pepper)
  // Half the cores hash passwords at most; the rest keep serving everything else.
  passwordHashGate.configure(config.PASSWORD_HASH_CONCURRENCY ?? Math.max(1, Math.floor(availableParallelism() / 2)), config.PASSWORD_HASH_QUEUE)
  // Read replicas (DATABASE_READ_URL): searches, maps and tiles read there while they keep up.
  const replicas = config.DATABASE_URL && config.DATABASE_READ_URL.length
    ? openReadReplicas(config.DATABASE_READ_URL, { primaryUrl: config.DATABASE_URL, maxLagMs: config.MAX_REPLICA_LAG_MS, max: Math.max(4, 2 * availableParallelism()), timeouts: databaseTimeouts(config), log })
    : undefined
  if (replicas) {
    await replicas.check()
    log(`read replicas: ${replicas.status().map((r) => `${r.name} ${r.healthy ? 'up' : 'down'}`).join(', ')}`)
    const primaryClose = handle.close
    handle = { ...handle, close: async () => void (await Promise.all([replicas.close(), primaryClose()])) }
  }
  const deps: AppDeps = {
    db: handle.db,
    ...(replicas && { readDb: replicas.db }),
    dbKind: handle.kind,
    config,
    jwtSecret,
    cursors: createCursorCodec(jwtSecret),
    payments: createPaymentProviders(config),
    storage: await openMediaStorage(config),
    images: sharpImages(),
    now: () => new Date(),
    events: createEventHub(handle.db, handle.listen, { maxStreamsPerUser: config.EVENTS_MAX_STREAMS_PER_USER }),
  }
  return { deps, handle }
}
