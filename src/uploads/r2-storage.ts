import { contentTypeOfKey, IMMUTABLE, isMediaKey, type MediaStorage } from './storage'

/**
 * The part of the Workers R2 binding (`env.MEDIA`, `[[r2_buckets]]` in wrangler.toml) this app
 * uses, typed here so the Node typecheck needs no @cloudflare/workers-types.
 */
export interface R2BucketBinding {
  put(key: string, value: Uint8Array, options?: { httpMetadata?: { contentType?: string; cacheControl?: string } }): Promise<unknown>
  get(key: string): Promise<{ arrayBuffer(): Promise<ArrayBuffer>; httpMetadata?: { contentType?: string } } | null>
  /** Up to 1,000 keys per call; missing keys are not an error. */
  delete(keys: string | string[]): Promise<void>
}

/** Whether a Worker env value looks like an R2 bucket binding. */
export function isR2Bucket(value: unknown): value is R2BucketBinding {
  const b = value as Partial<R2BucketBinding> | undefined
  return typeof b?.put === 'function' && typeof b.get === 'function' && typeof b.delete === 'function'
}

/**
 * Media in an R2 bucket through the Workers binding: no credentials, no SDK, no network hop
 * outside Cloudflare. /media reads objects through the Worker (the bucket stays private).
 * Bindings are per environment, not per request: safe to build from `env` on every request.
 */
export function r2Storage(bucket: R2BucketBinding): MediaStorage {
  return {
    kind: 'r2',
    async put(key, body, contentType) {
      if (!isMediaKey(key)) throw new Error(`not a media key: ${JSON.stringify(key)}`)
      await bucket.put(key, body, { httpMetadata: { contentType, cacheControl: IMMUTABLE } })
    },
    async get(key) {
      if (!isMediaKey(key)) return undefined
      const object = await bucket.get(key)
      if (!object) return undefined
      return { body: new Uint8Array(await object.arrayBuffer()), contentType: contentTypeOfKey(key) }
    },
    async delete(keys) {
      const valid = keys.filter(isMediaKey)
      for (let i = 0; i < valid.length; i += 1000) await bucket.delete(valid.slice(i, i + 1000))
    },
    publicUrl: () => null,
  }
}
