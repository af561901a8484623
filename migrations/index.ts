import type { Migration } from 'kysely/migration'
import * as m0001 from './0001_foundation'
import * as m0002 from './0002_search'
import * as m0003 from './0003_orders'
import * as m0004 from './0004_map_cell_counts'
import * as m0005 from './0005_uploads'
import * as m0006 from './0006_reviews'
import * as m0007 from './0007_rate_limits_and_sessions'
import * as m0008 from './0008_webhook_review'
import * as m0009 from './0009_storefront_photos'
import * as m0010 from './0010_contract'
import * as m0011 from './0011_coupons_and_deals'
import * as m0012 from './0012_fans'
import * as m0013 from './0013_jobs_and_splits'
import * as m0014 from './0014_webux'
import * as m0016 from './0016_post_coupons'
import * as m0017 from './0017_storefront_currency'
import * as m0018 from './0018_cash_shares'
import * as m0019 from './0019_feed_arms'
import * as m0020 from './0020_recommendations'
import * as m0021 from './0021_unlogged_recommendation_snapshots'
import * as m0022 from './0022_reports_and_interest_groups'
import * as m0023 from './0023_sphere_centroids'
import * as m0024 from './0024_store_feed_heads'
import * as m0026 from './0026_merchant_order_events'
import * as m0028 from './0028_deal_stock_per_item'
import * as m0029 from './0029_interest_group_cells'
import * as m0030 from './0030_popularity_cells'
import * as m0031 from './0031_feed_inbox'
import * as m0032 from './0032_feed_window'
import * as m0033 from './0033_similarity_cells'

/**
 * Every migration, in order. Listed statically (not read from disk) so the same bundle migrates
 * on Node and on Workers.
 */
export const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_search': m0002,
  '0003_orders': m0003,
  '0004_map_cell_counts': m0004,
  '0005_uploads': m0005,
  '0006_reviews': m0006,
  '0007_rate_limits_and_sessions': m0007,
  '0008_webhook_review': m0008,
  '0009_storefront_photos': m0009,
  '0010_contract': m0010,
  '0011_coupons_and_deals': m0011,
  '0012_fans': m0012,
  '0013_jobs_and_splits': m0013,
  '0014_webux': m0014,
  '0016_post_coupons': m0016,
  '0017_storefront_currency': m0017,
  '0018_cash_shares': m0018,
  '0019_feed_arms': m0019,
  '0020_recommendations': m0020,
  '0021_unlogged_recommendation_snapshots': m0021,
  '0022_reports_and_interest_groups': m0022,
  '0023_sphere_centroids': m0023,
  '0024_store_feed_heads': m0024,
  '0026_merchant_order_events': m0026,
  '0028_deal_stock_per_item': m0028,
  '0029_interest_group_cells': m0029,
  '0030_popularity_cells': m0030,
  '0031_feed_inbox': m0031,
  '0032_feed_window': m0032,
  '0033_similarity_cells': m0033,
}
