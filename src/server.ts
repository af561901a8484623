import { serve } from '@hono/node-server'
import { seedDemo } from '../seed/demo'
import { seedDemoPhotos } from '../seed/photos'
import { demoAccountsWarning, demoSeedPlan, findPublicDemoAccounts } from '../seed/production-safety'
import { createApp } from './app'
import { isClusterWorker, runPrimary } from './cluster'
import { type Config, parseConfig } from './config'
import type { AppDeps } from './context'
import { openJobRunner } from './job-handlers'
import { openRuntime } from './runtime'

const log = (m: string) => console.log(`[o2o] ${m}`)

/** Seeds demo data when configured to; run once per start (in the primary when there are several processes). */
async function seedOnce(config: Config, deps: AppDeps) {
  const production = config.NODE_ENV === 'production'
  const embedded = deps.dbKind === 'pglite'
  const plan = demoSeedPlan(config, deps.dbKind)
  if (plan !== 'none') {
    const seeded = await seedDemo(deps.db, { onlyIfEmpty: plan === 'if-empty', log })
    if (seeded) {
      log(`seeded demo data: ${seeded.merchants} storefronts in ${seeded.cities.join(', ')}`)
      await seedDemoPhotos(deps.db, deps.storage, { log })
    }
  } else if (production && embedded && config.SEED_DEMO === 'auto') {
    log('NODE_ENV=production: demo data not seeded (SEED_DEMO=always would seed it)')
  }
}

async function main() {
  const config = parseConfig(process.env)
  // Several processes share the port (node:cluster); the embedded PGlite is one process's files.
  if (config.WEB_CONCURRENCY > 1 && !config.DATABASE_URL) {
    log(`WEB_CONCURRENCY=${config.WEB_CONCURRENCY} ignored: the embedded database serves one process; set DATABASE_URL for more`)
  } else if (config.WEB_CONCURRENCY > 1 && !isClusterWorker()) {
    return runPrimary(
      config.WEB_CONCURRENCY,
      async () => {
        const { deps, handle } = await openRuntime(config, log)
        await seedOnce(config, deps)
        await handle.close()
      },
      log,
    )
  }
  const { deps, handle } = await openRuntime(config, log)
  const production = config.NODE_ENV === 'production'
  const embedded = deps.dbKind === 'pglite'
  if (!isClusterWorker()) await seedOnce(config, deps)

  let draining = false
  let inFlight = 0
  const app = createApp({ ...deps, isDraining: () => draining })
  const jobs = await openJobRunner(deps, log)
  jobs.start(config.JOB_POLL_INTERVAL_MS)
  const server = serve(
    {
      fetch: async (request, env) => {
        inFlight++
        try {
          return await app.fetch(request, env)
        } finally {
          inFlight--
        }
      },
      port: config.PORT,
    },
    (info) => {
      log(`database: ${embedded ? `embedded PGlite in ${config.DATA_DIR}` : 'PostgreSQL server'}`)
      log(`listening on http://localhost:${info.port}  (API docs: http://localhost:${info.port}/docs)`)
    },
  )

  // Checked after listening: verifying the password costs a PBKDF2 run per distinct hash.
  findPublicDemoAccounts(deps.db)
    .then((emails) => {
      const warning = demoAccountsWarning(emails, production)
      if (warning) console.warn(warning)
    })
    .catch((err) => console.error(`[o2o] could not check for demo accounts: ${err instanceof Error ? err.message : String(err)}`))

  // Stop accepting, let requests in flight finish (up to SHUTDOWN_TIMEOUT_MS), then close the pool.
  const stop = async (signal: string) => {
    if (draining) {
      log(`${signal} again: exiting now`)
      process.exit(1)
    }
    draining = true
    const jobsStopped = jobs.stop()
    // Open event streams would hold the server open; ending them lets clients reconnect elsewhere.
    void deps.events?.close()
    log(`${signal}: shutting down; waiting up to ${config.SHUTDOWN_TIMEOUT_MS} ms for ${inFlight} request(s) in flight`)
    const closed = new Promise<void>((resolve) => server.close(() => resolve()))
    // Keep-alive connections become idle as their last response ends; close them as they do.
    const reaper = setInterval(() => 'closeIdleConnections' in server && server.closeIdleConnections(), 100)
    const deadline = setTimeout(() => {
      log(`shutdown deadline reached: cutting ${inFlight} request(s) still running`)
      if ('closeAllConnections' in server) server.closeAllConnections()
    }, config.SHUTDOWN_TIMEOUT_MS)
    await closed
    // A job in progress finishes (its lease would otherwise hand it to another process later).
    await Promise.race([jobsStopped, new Promise((resolve) => setTimeout(resolve, config.SHUTDOWN_TIMEOUT_MS).unref())])
    clearInterval(reaper)
    clearTimeout(deadline)
    // A query cut at the deadline may still hold its connection; do not wait for it forever.
    await Promise.race([handle.close(), new Promise((resolve) => setTimeout(resolve, 5000).unref())]).catch((err) =>
      console.error(`[o2o] closing the database: ${err instanceof Error ? err.message : String(err)}`),
    )
    log('stopped')
    process.exit(0)
  }
  process.on('SIGINT', () => void stop('SIGINT'))
  process.on('SIGTERM', () => void stop('SIGTERM'))
}

main().catch((err) => {
  console.error(`[o2o] failed to start: ${err instanceof Error ? err.message : String(err)}`)
  process.exit(1)
})
