import { migrations } from '../../migrations/index'
import type { AppDeps } from '../context'
import type { DatabaseKind } from '../db/database'
import { ServiceUnavailableError } from '../errors'
import { appliedMigrationNames } from './health.repository'

/** How long the database gets to answer a readiness check. */
export const READY_DEADLINE_MS = 1000

export interface Readiness {
  status: 'ready'
  db: DatabaseKind
  migrations: { applied: number; expected: number }
}

function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)
  })
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer))
}

/**
 * Whether this instance should get traffic: not shutting down, the database answers within
 * READY_DEADLINE_MS, and every migration the code expects is applied. Throws ServiceUnavailableError (→ 503) otherwise.
 */
export async function checkReadiness(deps: Pick<AppDeps, 'db' | 'dbKind' | 'isDraining'>): Promise<Readiness> {
  if (deps.isDraining?.()) throw new ServiceUnavailableError('The server is shutting down.', 'shutting_down', 5)
  let applied: Set<string>
  try {
    applied = new Set(await within(appliedMigrationNames(deps.db), READY_DEADLINE_MS))
  } catch (err) {
    console.warn(`readiness: database check failed: ${err instanceof Error ? err.message : String(err)}`)
    throw new ServiceUnavailableError(`The database did not answer within ${READY_DEADLINE_MS} ms.`, 'database_unavailable', 5)
  }
  const expected = Object.keys(migrations)
  const missing = expected.filter((name) => !applied.has(name))
  if (missing.length > 0) {
    throw new ServiceUnavailableError(
      `The database schema is behind: ${expected.length - missing.length} of ${expected.length} migrations applied; missing ${missing.join(', ')} (run npm run migrate).`,
      'migrations_pending',
      30,
    )
  }
  return { status: 'ready', db: deps.dbKind, migrations: { applied: expected.length, expected: expected.length } }
}
