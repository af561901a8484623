import { z } from 'zod'

const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional()

/** Environment variables the platform reads; see the configuration table in the README. */
export const configSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(8787),
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
  SEED_DEMO: z.enum(['auto', 'always', 'never']).default('auto'),
  LOG_REQUESTS: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
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
