import type { Kysely, Transaction } from 'kysely'
import type { Database, Executor } from './database'

/**
 * Runs `fn` in a transaction, or inside the caller's one when `executor` already is a
 * transaction, so services compose without nesting BEGINs.
 */
export async function withTransaction<T>(
  executor: Executor,
  fn: (trx: Transaction<Database>) => Promise<T>,
): Promise<T> {
  if (executor.isTransaction) return fn(executor as Transaction<Database>)
  return (executor as Kysely<Database>).transaction().execute(fn)
}
