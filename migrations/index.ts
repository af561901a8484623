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
}
