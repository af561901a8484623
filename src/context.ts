import type { Kysely } from 'kysely'
import type { Config } from './config'
import type { Database, DatabaseKind } from './db/database'
import type { EventHub } from './events/event-hub'
import type { CursorCodec } from './http/cursor'
import type { PaymentProviders } from './payments/provider'
import type { LimitState } from './rate-limit/limiter'
import type { ImageProcessor } from './uploads/image-processor'
import type { MediaStorage } from './uploads/storage'

/** Everything a request handler may use; built once per process (Node) or per isolate (Workers). */
export interface AppDeps {
  db: Kysely<Database>
  /** Reads that may lag the primary a little (DATABASE_READ_URL replicas); absent → `db`. Use readHandle(deps). */
  readDb?: Kysely<Database>
  dbKind: DatabaseKind
  config: Config
  /** HMAC key for access tokens. */
  jwtSecret: string
  cursors: CursorCodec
  /** Cash always; Stripe card payments when STRIPE_SECRET_KEY is set. */
  payments: PaymentProviders
  /** Where uploaded images are kept: DATA_DIR/media, a bucket when S3_BUCKET is set, or R2 through the Workers binding. */
  storage: MediaStorage
  /** Checks uploads: sharp on Node, the pure-JS checker on Workers with R2; absent (uploads answer 501) without storage. */
  images?: ImageProcessor
  /** The clock; tests pin it to check time-dependent rules. */
  now: () => Date
  /** Live event streams fed by LISTEN/NOTIFY (Node); absent on Workers, where GET /v1/me/events answers 501. */
  events?: EventHub
  /** True once the Node server is shutting down (readiness then fails); absent where nothing drains. */
  isDraining?: () => boolean
}

/** The signed-in caller, as read from a verified access token. */
export interface AuthUser {
  id: string
  role: 'consumer' | 'merchant'
}

export interface AppEnv {
  Variables: {
    deps: AppDeps
    user: AuthUser
    /** The tightest rate limit this request counted against; reported in RateLimit-* headers. */
    rateLimit: LimitState | undefined
  }
}
