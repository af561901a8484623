import { sql } from 'kysely'
import type { Executor } from '../db/database'

export interface BucketState {
  hits: number
  expiresAt: Date
}

/**
 * Counts one hit for `key` in one atomic upsert and returns the count so far in its window. A
 * window starts at the key's first hit (or the first hit after the last window expired) and
 * lasts `windowMs`; concurrent hits from any number of processes serialize on the row.
 */
export async function hit(db: Executor, key: string, now: Date, windowMs: number): Promise<BucketState> {
  const expiresAt = new Date(now.getTime() + windowMs)
  const row = await sql<{ hits: number; expires_at: Date }>`
    INSERT INTO rate_limit_buckets AS b (bucket_key, hits, window_start, expires_at)
    VALUES (${key}, 1, ${now}, ${expiresAt})
    ON CONFLICT (bucket_key) DO UPDATE SET
      hits = CASE WHEN b.expires_at <= ${now} THEN 1 ELSE b.hits + 1 END,
      window_start = CASE WHEN b.expires_at <= ${now} THEN ${now} ELSE b.window_start END,
      expires_at = CASE WHEN b.expires_at <= ${now} THEN ${expiresAt} ELSE b.expires_at END
    RETURNING hits, expires_at`.execute(db)
  const first = row.rows[0]
  if (!first) throw new Error('rate limit upsert returned no row')
  return { hits: Number(first.hits), expiresAt: new Date(first.expires_at) }
}

/** Takes back one hit in the window that ends at `expiresAt` (an attempt that turned out not to count). */
export async function refund(db: Executor, key: string, expiresAt: Date): Promise<void> {
  await db
    .updateTable('rate_limit_buckets')
    .set((eb) => ({ hits: eb('hits', '-', 1) }))
    .where('bucket_key', '=', key)
    .where('expires_at', '=', expiresAt)
    .where('hits', '>', 0)
    .execute()
}

/** Deletes up to `batch` expired buckets (bounded, so pruning never becomes a long statement). */
export async function pruneExpired(db: Executor, now: Date, batch = 1000): Promise<number> {
  const result = await sql`
    DELETE FROM rate_limit_buckets WHERE bucket_key IN (
      SELECT bucket_key FROM rate_limit_buckets WHERE expires_at < ${now} LIMIT ${batch}
    )`.execute(db)
  return Number(result.numAffectedRows ?? 0)
}
