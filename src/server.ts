import { serve } from '@hono/node-server'
import { seedDemo } from '../seed/demo'
import { seedDemoPhotos } from '../seed/photos'
import { createApp } from './app'
import { parseConfig } from './config'
import { openRuntime } from './runtime'
import { startUploadCleanup } from './uploads/cleanup'

const log = (m: string) => console.log(`[o2o] ${m}`)

async function main() {
  const config = parseConfig(process.env)
  const { deps, handle } = await openRuntime(config, log)

  const embedded = deps.dbKind === 'pglite'
  if (config.SEED_DEMO === 'always' || (config.SEED_DEMO === 'auto' && embedded)) {
    const seeded = await seedDemo(deps.db, { onlyIfEmpty: config.SEED_DEMO === 'auto', log })
    if (seeded) {
      log(`seeded demo data: ${seeded.merchants} storefronts in ${seeded.cities.join(', ')}`)
      await seedDemoPhotos(deps.db, deps.storage, { log })
    }
  }

  const app = createApp(deps)
  const stopCleanup = startUploadCleanup(deps, log)
  const server = serve({ fetch: app.fetch, port: config.PORT }, (info) => {
    log(`database: ${embedded ? `embedded PGlite in ${config.DATA_DIR}` : 'PostgreSQL server'}`)
    log(`listening on http://localhost:${info.port}  (API docs: http://localhost:${info.port}/docs)`)
  })

  let stopping = false
  const stop = (signal: string) => {
    if (stopping) return
    stopping = true
    stopCleanup()
    log(`${signal}: shutting down`)
    server.close(() => {
      handle.close().finally(() => process.exit(0))
    })
    setTimeout(() => process.exit(0), 5000).unref()
  }
  process.on('SIGINT', () => stop('SIGINT'))
  process.on('SIGTERM', () => stop('SIGTERM'))
}

main().catch((err) => {
  console.error(`[o2o] failed to start: ${err instanceof Error ? err.message : String(err)}`)
  process.exit(1)
})
