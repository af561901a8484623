import { DeleteObjectCommand, GetObjectCommand, NoSuchKey, PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3'
import type { Config } from '../config'
import { contentTypeOfKey, IMMUTABLE, isMediaKey, type MediaStorage } from './storage'

/**
 * An S3-compatible bucket (AWS S3, Cloudflare R2, MinIO) through the AWS SDK. With S3_ENDPOINT the
 * client uses path-style URLs (MinIO needs them; R2 accepts them). Without S3_PUBLIC_URL, /media
 * reads objects through the app; with it, /media redirects browsers to the bucket's public URL.
 */
export function s3Storage(config: Pick<Config, 'S3_BUCKET' | 'S3_REGION' | 'S3_ENDPOINT' | 'S3_ACCESS_KEY_ID' | 'S3_SECRET_ACCESS_KEY' | 'S3_PUBLIC_URL'>): MediaStorage {
  const bucket = config.S3_BUCKET
  if (!bucket) throw new Error('S3_BUCKET is required for bucket storage')
  const client = new S3Client({
    region: config.S3_REGION ?? 'us-east-1',
    endpoint: config.S3_ENDPOINT,
    forcePathStyle: config.S3_ENDPOINT !== undefined,
    credentials:
      config.S3_ACCESS_KEY_ID && config.S3_SECRET_ACCESS_KEY
        ? { accessKeyId: config.S3_ACCESS_KEY_ID, secretAccessKey: config.S3_SECRET_ACCESS_KEY }
        : undefined,
    // Checksums only where S3 requires them: several S3-compatible services reject the newer defaults.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  })
  const publicBase = config.S3_PUBLIC_URL?.replace(/\/+$/, '')
  return {
    kind: 's3',
    async put(key, body, contentType) {
      if (!isMediaKey(key)) throw new Error(`not a media key: ${JSON.stringify(key)}`)
      await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: contentType, CacheControl: IMMUTABLE }))
    },
    async get(key) {
      if (!isMediaKey(key)) return undefined
      try {
        const res = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }))
        if (!res.Body) return undefined
        return { body: await res.Body.transformToByteArray(), contentType: contentTypeOfKey(key) }
      } catch (err) {
        if (err instanceof NoSuchKey || (err instanceof S3ServiceException && err.$metadata.httpStatusCode === 404)) return undefined
        throw err
      }
    },
    async delete(keys) {
      // One request per key: DeleteObjects needs checksums some S3-compatible services reject, and
      // cleanup deletes a handful of files at a time. Deleting a missing key succeeds in S3.
      for (const key of keys.filter(isMediaKey)) await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }))
    },
    publicUrl: (key) => (publicBase ? `${publicBase}/${key}` : null),
  }
}
