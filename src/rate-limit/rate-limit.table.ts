/** One limited key's current window: `hits` since `window_start`, forgotten at `expires_at`. */
export interface RateLimitBucketTable {
  bucket_key: string
  hits: number
  window_start: Date
  expires_at: Date
}
