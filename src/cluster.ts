import cluster, { type Worker } from 'node:cluster'

/** Restarts faster than this many times a minute mean a worker cannot start; the primary then gives up. */
const MAX_RESTARTS_PER_MINUTE = 10

/**
 * The primary of `WEB_CONCURRENCY` > 1: runs `prepare` once (seeding, anything that must not race),
 * forks `count` copies of this entry that share the listening port, restarts one that crashes and
 * on SIGTERM/SIGINT passes the signal on, waits for every worker's graceful exit, then exits.
 */
export async function runPrimary(count: number, prepare: () => Promise<void>, log: (m: string) => void): Promise<void> {
  await prepare()
  let stopping = false
  const restarts: number[] = []
  const fork = () => cluster.fork({ O2O_CLUSTER_WORKER: '1' })
  cluster.on('exit', (worker: Worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) {
        log('all workers stopped')
        process.exit(0)
      }
      return
    }
    const now = Date.now()
    restarts.push(now)
    while (restarts.length && (restarts[0] as number) < now - 60_000) restarts.shift()
    if (restarts.length > MAX_RESTARTS_PER_MINUTE) {
      log(`worker ${worker.process.pid} exited (${signal ?? code}); too many restarts in a minute, giving up`)
      stopping = true
      for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGTERM')
      process.exitCode = 1
      return
    }
    log(`worker ${worker.process.pid} exited (${signal ?? code}); starting another`)
    fork()
  })
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return
    stopping = true
    log(`${signal}: stopping ${Object.keys(cluster.workers ?? {}).length} worker(s) gracefully`)
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill(signal)
  }
  process.on('SIGTERM', () => stop('SIGTERM'))
  process.on('SIGINT', () => stop('SIGINT'))
  log(`starting ${count} worker processes`)
  for (let i = 0; i < count; i++) fork()
}

/** True in a process forked by runPrimary (it serves; the primary already prepared the database). */
export const isClusterWorker = () => cluster.isWorker
