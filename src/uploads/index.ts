/**
 * What other features use from uploads: check and attach a caller's photos, and the public shape
 * of a photo. Storage, image processing and the upload route live inside this folder.
 */
import type { Executor } from '../db/database'
import { ValidationError } from '../errors'
import type { UploadRow } from './upload.table'
import * as uploadsRepository from './uploads.repository'

export type { UploadRow } from './upload.table'
export { PhotoSchema, photoIdsField } from './uploads.schemas'

/** A photo as the API shows it. */
export interface Photo {
  id: string
  url: string
  thumbnail_url: string
  width: number
  height: number
}

/** The URL a stored file is served at (GET /media/<key>, which may redirect to a bucket). */
export function mediaUrl(key: string): string {
  return `/media/${key}`
}

/** The public shape of an upload; files are served under /media/. */
export function toPhoto(row: Pick<UploadRow, 'id' | 'storage_key' | 'thumbnail_key' | 'width' | 'height'>): Photo {
  return { id: row.id, url: mediaUrl(row.storage_key), thumbnail_url: mediaUrl(row.thumbnail_key), width: row.width, height: row.height }
}

/**
 * Checks that every id in `ids` is an upload `ownerId` made (422 naming `${field}[i]` otherwise)
 * and marks them attached; returns them in the given order.
 */
export async function attachUploads(db: Executor, input: { ownerId: string; ids: readonly string[]; field: string; now: Date }): Promise<UploadRow[]> {
  const { ownerId, ids, field, now } = input
  const found = await uploadsRepository.findOwnedUploads(db, ownerId, ids)
  const foundIds = new Set(found.map((r) => r.id))
  const errors = ids.flatMap((id, i) => (foundIds.has(id) ? [] : [{ path: `${field}[${i}]`, message: 'is not a photo you uploaded' }]))
  if (new Set(ids).size !== ids.length) errors.push({ path: field, message: 'lists the same photo twice' })
  if (errors.length > 0) throw new ValidationError(`Invalid ${field}: ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}`, errors)
  await uploadsRepository.markAttached(db, ids, now)
  return found
}
