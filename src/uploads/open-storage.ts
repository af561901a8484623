import { join } from 'node:path'
import type { Config } from '../config'
import { filesystemStorage } from './fs-storage'
import { s3Storage } from './s3-storage'
import type { MediaStorage } from './storage'

/** The media storage for a Node process: the bucket when S3_BUCKET is set, else DATA_DIR/media. */
export function openMediaStorage(config: Config): MediaStorage {
  return config.S3_BUCKET ? s3Storage(config) : filesystemStorage(join(config.DATA_DIR, 'media'))
}
