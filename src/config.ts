import { z } from 'zod'

const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional()

const milliseconds = (fallback: number) => z.coerce.number().int().min(0).max(86_400_000).default(fallback)

/** Environment variables the platform reads; see the configuration table in the README. */
export const configSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(8787),
  /** `production` keeps demo accounts out unless SEED_DEMO=always; any other value is a development setup. */
  NODE_ENV: z.string().default('development'),
  DATABASE_URL: optionalString,
  DATA_DIR: z.string().default('./.data'),
  JWT_SECRET: optionalString.pipe(z.string().min(32, 'JWT_SECRET must be at least 32 characters').optional()),
  JWT_TTL_SECONDS: z.coerce.number().int().min(60).default(7 * 24 * 3600),
  STRIPE_SECRET_KEY: optionalString,
  STRIPE_PUBLISHABLE_KEY: optionalString,
  STRIPE_WEBHOOK_SECRET: optionalString,
  STRIPE_API_BASE: optionalString.pipe(z.url().optional()),
  PLATFORM_FEE_BPS: z.coerce.number().int().min(0).max(10_000).default(500),
  PAYOUTS_REFRESH_URL: z.string().default('http://localhost:8787/merchant?payouts=refresh'),
  PAYOUTS_RETURN_URL: z.string().default('http://localhost:8787/merchant?payouts=done'),
  MAP_TILE_URL: z.string().default('https://tile.openstreetmap.org/{z}/{x}/{y}.png'),
  // Photo storage: a bucket when S3_BUCKET is set (S3, R2, MinIO), else files under DATA_DIR/media.
  S3_BUCKET: optionalString,
  S3_REGION: optionalString,
  S3_ENDPOINT: optionalString.pipe(z.url().optional()),
  S3_ACCESS_KEY_ID: optionalString,
  S3_SECRET_ACCESS_KEY: optionalString,
  S3_PUBLIC_URL: optionalString.pipe(z.url().optional()),
  TILE_MAX_FEATURES: z.coerce.number().int().min(1).max(50_000).default(2000),
  SEED_DEMO: z.enum(['auto', 'always', 'never']).default('auto'),
  // Per connection of the serving pool (PostgreSQL server only); 0 turns a limit off.
  DB_POOL_ACQUIRE_TIMEOUT_MS: milliseconds(5000),
  DB_STATEMENT_TIMEOUT_MS: milliseconds(10_000),
  DB_LOCK_TIMEOUT_MS: milliseconds(3000),
  DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: milliseconds(30_000),
  /** The recommendations refresh job's own statement timeout: a full rebuild at a million storefronts takes minutes. */
  RECS_REFRESH_TIMEOUT_MS: milliseconds(30 * 60_000),
  /** How long SIGTERM/SIGINT waits for in-flight requests before closing their connections. */
  SHUTDOWN_TIMEOUT_MS: milliseconds(25_000),
  // Abuse limits (README: Security and operations). Counted in the database, per window.
  RATE_LIMIT_WRITE_MAX: z.coerce.number().int().min(1).default(300),
  RATE_LIMIT_WRITE_WINDOW_SECONDS: z.coerce.number().int().min(1).default(60),
  RATE_LIMIT_SIGNIN_IP_MAX: z.coerce.number().int().min(1).default(30),
  RATE_LIMIT_SIGNIN_EMAIL_MAX: z.coerce.number().int().min(1).default(10),
  RATE_LIMIT_SIGNIN_WINDOW_SECONDS: z.coerce.number().int().min(1).default(600),
  TRUST_PROXY: z
    .string()
    .regex(/^(true|false|\d{1,2})$/, 'must be false, true (one proxy) or the number of proxies in front')
    .default('false')
    .transform((v) => (v === 'false' ? 0 : v === 'true' ? 1 : Number(v))),
  LOGIN_LOCKOUT_THRESHOLD: z.coerce.number().int().min(1).default(5),
  LOGIN_LOCKOUT_BASE_SECONDS: z.coerce.number().int().min(1).default(60),
  LOGIN_LOCKOUT_MAX_SECONDS: z.coerce.number().int().min(1).default(3600),
  PASSWORD_HASH_CONCURRENCY: z.coerce.number().int().min(1).max(64).optional(),
  PASSWORD_HASH_QUEUE: z.coerce.number().int().min(0).default(32),
  LOG_REQUESTS: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /** Most H3 hexagons one map answer may span (README: Bounded work); bounds each map request's cost. */
  MAP_MAX_CELLS: z.coerce.number().int().min(50).max(2000).default(400),
  /** How far back GET /v1/me/events replays after a reconnect (Last-Event-ID); older events are pruned. */
  EVENTS_REPLAY_MINUTES: z.coerce.number().int().min(1).max(10080).default(60),
  /** Open event streams per user per process; a newer one closes the oldest. */
  EVENTS_MAX_STREAMS_PER_USER: z.coerce.number().int().min(1).max(50).default(5),
  // Jobs and timed tasks (README: Jobs).
  JOB_POLL_INTERVAL_MS: z.coerce.number().int().min(100).max(3_600_000).default(5000),
  UNPAID_ORDER_EXPIRY_MINUTES: z.coerce.number().int().min(1).max(10_080).default(30),
  SPLIT_DEADLINE_MINUTES: z.coerce.number().int().min(1).max(1440).default(30),
  /** How long before a campaign ends its holders of unused coupons get coupon.expiring (README: Event stream). */
  COUPON_EXPIRY_NOTICE_HOURS: z.coerce.number().int().min(1).max(720).default(24),
  // Scale (issue 15): server-side password pepper, Node worker processes.
  PASSWORD_PEPPER: optionalString.pipe(z.string().min(32, 'PASSWORD_PEPPER must be at least 32 characters').optional()),
  WEB_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(1),
  DATABASE_READ_URL: optionalString.transform((v) => (v ? v.split(',').map((u) => u.trim()).filter(Boolean) : [])),
  MAX_REPLICA_LAG_MS: z.coerce.number().int().min(0).default(5000),
  /** Origins allowed to call the API from a browser (comma-separated); empty: same-origin only. */
  CORS_ORIGINS: z
    .string()
    .default('')
    .transform((v) => v.split(',').map((o) => o.trim()).filter(Boolean)),
}).refine((c) => (c.S3_ACCESS_KEY_ID === undefined) === (c.S3_SECRET_ACCESS_KEY === undefined), {
  path: ['S3_SECRET_ACCESS_KEY'],
  message: 'set S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY together (or neither, to use the default AWS credential chain)',
})

export type Config = z.infer<typeof configSchema>

/** Parses an environment-like record into a Config; throws a readable error listing every bad variable. */
export function parseConfig(source: Record<string, string | undefined>): Config {
  const result = configSchema.safeParse(source)
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`)
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`)
  }
  return result.data
}
