import { createApp } from './app'
import { parseConfig } from './config'
import type { AppDeps } from './context'
import { openPostgres } from './db/client'
import { createCursorCodec } from './http/cursor'
import { createPaymentProviders } from './payments/provider'
import { s3Storage } from './uploads/s3-storage'
import { noStorage } from './uploads/storage'

interface WorkerEnv {
  [name: string]: unknown
  HYPERDRIVE?: { connectionString: string }
}

let cached: { key: string; app: ReturnType<typeof createApp> } | undefined

/** Builds the app once per isolate from the Worker's bindings (env is parsed on first request). */
function appFor(env: WorkerEnv) {
  const source: Record<string, string | undefined> = {}
  for (const [k, v] of Object.entries(env)) if (typeof v === 'string') source[k] = v
  if (env.HYPERDRIVE) source.DATABASE_URL = env.HYPERDRIVE.connectionString
  const key = `${source.DATABASE_URL}|${source.JWT_SECRET}`
  if (cached?.key === key) return cached.app
  const config = parseConfig(source)
  if (!config.DATABASE_URL || !config.JWT_SECRET) {
    throw new Error('Workers need DATABASE_URL (or a HYPERDRIVE binding) and JWT_SECRET; the embedded database is Node-only')
  }
  const handle = openPostgres(config.DATABASE_URL, { max: 5 })
  const deps: AppDeps = {
    db: handle.db,
    dbKind: 'postgres',
    config,
    jwtSecret: config.JWT_SECRET,
    cursors: createCursorCodec(config.JWT_SECRET),
    payments: createPaymentProviders(config),
    // sharp cannot run on Workers, so there is no image processor and POST /v1/uploads answers 501;
    // photos already in a bucket are still served.
    storage: config.S3_BUCKET ? s3Storage(config) : noStorage,
    now: () => new Date(),
  }
  cached = { key, app: createApp(deps) }
  return cached.app
}

export default {
  fetch(request: Request, env: WorkerEnv, ctx: unknown) {
    return appFor(env).fetch(request, env, ctx as never)
  },
}
