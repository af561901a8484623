import { createApp } from './app'
import { passwordHashGate } from './auth/hash-gate'
import { configureNativePbkdf2Limit, configurePasswordPepper, PEPPERED_ITERATIONS } from './auth/password'
import { type Config, parseConfig } from './config'
import type { AppDeps } from './context'
import { databaseTimeouts, openRequestConnection } from './db/client'
import { createCursorCodec } from './http/cursor'
import { createPaymentProviders } from './payments/provider'
import { checkedImages } from './uploads/checked-images'
import { isR2Bucket, r2Storage } from './uploads/r2-storage'
import { s3Storage } from './uploads/s3-storage'
import { noStorage } from './uploads/storage'

interface WorkerEnv {
  [name: string]: unknown
  HYPERDRIVE?: { connectionString: string }
  /** Photo storage: an R2 bucket binding (`[[r2_buckets]] binding = "MEDIA"`). */
  MEDIA?: unknown
}

interface ExecutionContext {
  waitUntil(promise: Promise<unknown>): void
  passThroughOnException(): void
}

type Isolate = { key: string; config: Config & { DATABASE_URL: string; JWT_SECRET: string }; deps: Omit<AppDeps, 'db'>; app: ReturnType<typeof createApp> }
let cached: Isolate | undefined

// Only plain values live across requests (config, codecs, the Hono app); every I/O object —
// the database connection above all — is made for one request and closed after it.
function isolateFor(env: WorkerEnv): Isolate {
  const source: Record<string, string | undefined> = {}
  for (const [k, v] of Object.entries(env)) if (typeof v === 'string') source[k] = v
  if (env.HYPERDRIVE) source.DATABASE_URL = env.HYPERDRIVE.connectionString
  const key = `${source.DATABASE_URL}|${source.JWT_SECRET}|${source.PASSWORD_PEPPER}`
  if (cached?.key === key) return cached
  const config = parseConfig(source)
  if (!config.DATABASE_URL || !config.JWT_SECRET) {
    throw new Error('Workers need DATABASE_URL (or a HYPERDRIVE binding) and JWT_SECRET; the embedded database is Node-only')
  }
  if (!config.PASSWORD_PEPPER) console.warn('PASSWORD_PEPPER is not set: sign-ins with hashes made on Node without it fail here')
  configurePasswordPepper(config.PASSWORD_PEPPER)
  // Workers' Web Crypto refuses PBKDF2 above 100,000 rounds; older 600,000-round hashes verify in JS.
  configureNativePbkdf2Limit(PEPPERED_ITERATIONS)
  passwordHashGate.configure(config.PASSWORD_HASH_CONCURRENCY ?? 1, config.PASSWORD_HASH_QUEUE)
  const deps: Omit<AppDeps, 'db'> = {
    dbKind: 'postgres',
    config,
    jwtSecret: config.JWT_SECRET,
    cursors: createCursorCodec(config.JWT_SECRET),
    payments: createPaymentProviders(config),
    // Replaced per request by the R2 binding when there is one (fetch below); an S3 bucket is the
    // other choice. With neither, POST /v1/uploads answers 501.
    storage: config.S3_BUCKET ? s3Storage(config) : noStorage,
    now: () => new Date(),
  }
  const app = createApp({ ...deps, db: undefined as never })
  cached = { key, config: config as Isolate['config'], deps, app }
  return cached
}

export default {
  async fetch(request: Request, env: WorkerEnv, ctx: ExecutionContext): Promise<Response> {
    const isolate = isolateFor(env)
    // Through Hyperdrive this "connection" is a cheap hop to its pool; without it, a real connection.
    const connection = openRequestConnection(isolate.config.DATABASE_URL, databaseTimeouts(isolate.config), { prepared: Boolean(env.HYPERDRIVE) })
    try {
      // sharp cannot run here: uploads are checked and cleaned without decoding (checked-images.ts).
      const storage = isR2Bucket(env.MEDIA) ? r2Storage(env.MEDIA) : isolate.deps.storage
      const requestDeps: AppDeps = { ...isolate.deps, db: connection.db, storage, ...(storage.kind !== 'none' && { images: checkedImages() }) }
      return await isolate.app.fetch(request, { ...env, requestDeps }, ctx as never)
    } finally {
      ctx.waitUntil(connection.close().catch(() => {}))
    }
  },
}
