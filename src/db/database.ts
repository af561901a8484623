import type { Kysely, Transaction } from 'kysely'
import type { UserTable } from '../auth/user.table'
import type { CategoryTable } from '../categories/category.table'
import type { CouponTables } from '../coupons/coupon.table'
import type { UserEventTables } from '../events/user-event.table'
import type { FeedTables } from '../feed/feed-item.table'
import type { FollowTables } from '../follows/follow.table'
import type { JobTable } from '../jobs/job.table'
import type { MerchantPhotoTable, MerchantTable } from '../merchants/merchant.table'
import type { OfferingTable } from '../offerings/offering.table'
import type { OrderTables } from '../orders/order.table'
import type { PostTables } from '../posts/post.table'
import type { RateLimitBucketTable } from '../rate-limit/rate-limit.table'
import type { RecommendationTables } from '../recommendations/recommendation.table'
import type { ReviewTables } from '../reviews/review.table'
import type { SplitTables } from '../splits/split.table'
import type { StorefrontReportTables } from '../storefront-reports/storefront-report.table'
import type { UploadTable } from '../uploads/upload.table'
import type { IdempotencyRequestTable } from '../http/idempotency.repository'

/** Every table the application reads or writes, as Kysely sees it. */
export interface Database extends OrderTables, ReviewTables, FollowTables, PostTables, UserEventTables, SplitTables, CouponTables, FeedTables, RecommendationTables, StorefrontReportTables {
  users: UserTable
  categories: CategoryTable
  merchants: MerchantTable
  merchant_photos: MerchantPhotoTable
  offerings: OfferingTable
  uploads: UploadTable
  rate_limit_buckets: RateLimitBucketTable
  jobs: JobTable
  idempotency_requests: IdempotencyRequestTable
}

export type DB = Kysely<Database>
/** A handle that is either the pool or an open transaction: repositories accept both. */
export type Executor = Kysely<Database> | Transaction<Database>
export type DatabaseKind = 'postgres' | 'pglite'
