import type { AppDeps } from '../context'
import * as uploadsRepository from './uploads.repository'

/** How long an upload may wait to be attached to a review or storefront before it is deleted. */
export const ABANDONED_AFTER_MS = 24 * 3600 * 1000
const BATCH = 500

/**
 * Deletes uploads nothing attached within a day of their upload: rows first (one statement per
 * batch, safe with several processes running it at once), then their files. Returns how many.
 * Runs hourly as the `delete-abandoned-uploads` job (src/job-handlers.ts).
 */
export async function deleteAbandonedUploads(deps: Pick<AppDeps, 'db' | 'storage' | 'now'>): Promise<number> {
  const cutoff = new Date(deps.now().getTime() - ABANDONED_AFTER_MS)
  let deleted = 0
  for (;;) {
    const rows = await uploadsRepository.deleteAbandonedUploads(deps.db, cutoff, BATCH)
    // A file left behind by a failed delete is unreachable (no row names it) but harmless.
    // A Workers upload's thumbnail key is its image key: each file once.
    await deps.storage.delete([...new Set(rows.flatMap((r) => [r.storage_key, r.thumbnail_key]))])
    deleted += rows.length
    if (rows.length < BATCH) return deleted
  }
}
