import type { AppDeps, AuthUser } from '../context'
import { ContentTooLargeError } from '../errors'
import { MAX_UPLOAD_BYTES, uploadsUnavailable } from './image-processor'
import { type Photo, toPhoto } from './index'
import { newMediaKeys } from './storage'
import * as uploadsRepository from './uploads.repository'

/**
 * Stores one uploaded image for `user`: checked by content, without metadata; on Node re-encoded,
 * capped at 2048 px and with a thumbnail, on Workers stored as sent (see checked-images.ts). The row is written before the files, so a crash in between leaves an
 * unattached row the cleanup removes, never a file nothing points to.
 */
export async function createUpload(deps: AppDeps, user: AuthUser, file: Blob): Promise<Photo> {
  if (!deps.images) throw uploadsUnavailable()
  if (file.size > MAX_UPLOAD_BYTES) throw new ContentTooLargeError(`the image is ${file.size} bytes; at most ${MAX_UPLOAD_BYTES} (10 MiB) are accepted`, 'file_too_large')
  const image = await deps.images.process(new Uint8Array(await file.arrayBuffer()))
  const keys = newMediaKeys(image.contentType)
  const key = keys.key
  // Without a resized thumbnail (Workers) the thumbnail URL names the image itself.
  const thumbnailKey = image.thumbnail ? keys.thumbnailKey : key
  const row = await uploadsRepository.insertUpload(deps.db, {
    owner_id: user.id,
    content_type: image.contentType,
    storage_key: key,
    thumbnail_key: thumbnailKey,
    width: image.width,
    height: image.height,
    byte_size: image.body.byteLength,
  })
  try {
    await deps.storage.put(key, image.body, image.contentType)
    if (image.thumbnail) await deps.storage.put(thumbnailKey, image.thumbnail, image.contentType)
  } catch (err) {
    await uploadsRepository.deleteUpload(deps.db, row.id)
    await deps.storage.delete(thumbnailKey === key ? [key] : [key, thumbnailKey]).catch(() => {})
    throw err
  }
  return toPhoto(row)
}
