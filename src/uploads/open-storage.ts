import { join } from 'node:path'
import type { Config } from '../config'
import { filesystemStorage } from './fs-storage'
import type { MediaStorage } from './storage'

/**
 * The media storage for a Node process: the bucket when S3_BUCKET is set, else DATA_DIR/media.
 * The AWS SDK is loaded only when a bucket is configured (it adds about half a second to a start).
 */
export async function openMediaStorage(config: Config): Promise<MediaStorage> {
  if (!config.S3_BUCKET) return filesystemStorage(join(config.DATA_DIR, 'media'))
  const { s3Storage } = await import('./s3-storage')
  return s3Storage(config)
}
