import type { Transaction } from 'kysely'
import type { Database } from '../src/db/database'
import { chunks } from './chunks'
import type { DemoMerchant } from './generate'
import { demoUuid } from './random'

const DAY_MS = 86_400_000

/** Every one of Bob's storefronts and one in eight others run a campaign and sell a deal. */
function picked(merchants: DemoMerchant[]): DemoMerchant[] {
  return merchants.filter((m, i) => m.status === 'active' && m.offerings.length > 0 && (m.owner === 'bob' || i % 8 === 0))
}

/**
 * Live coupons and deals on new demo storefronts (deterministic ids, inserted with their
 * storefronts, so a repeated seed adds nothing): alternately ¥/$/£5 off over 20 and 15% off
 * capped at 10, valid from yesterday for 60 days; and a voucher worth 100 (20 in USD/GBP) sold below face value.
 */
export async function seedCouponsAndDeals(trx: Transaction<Database>, fresh: DemoMerchant[], now = new Date()): Promise<{ coupons: number; deals: number }> {
  const shops = picked(fresh)
  const coupons = shops.map((m, i) => {
    const currency = m.currency
    const base = { id: demoUuid(`coupon:${m.id}`), merchant_id: m.id, currency, min_spend_cents: 2000, total_quantity: m.owner === 'bob' ? 500 : 100 }
    const when = { starts_at: new Date(now.getTime() - DAY_MS), ends_at: new Date(now.getTime() + 60 * DAY_MS) }
    return i % 2 === 0
      ? { ...base, ...when, title: currency === 'CNY' ? '满20减5' : '5 off over 20', kind: 'amount_off' as const, amount_off_cents: 500 }
      : { ...base, ...when, title: currency === 'CNY' ? '85折 最高减10' : '15% off (up to 10)', kind: 'percent_off' as const, percent_off: 15, max_discount_cents: 1000 }
  })
  const deals = shops.map((m) => {
    const currency = m.currency
    const cny = currency === 'CNY'
    return {
      id: demoUuid(`deal:${m.id}`),
      merchant_id: m.id,
      name: cny ? '100元代金券' : `${currency} 20 voucher`,
      description: null,
      kind: 'voucher' as const,
      price_cents: cny ? 7900 : 1500,
      face_value_cents: cny ? 10000 : 2000,
      currency,
      duration_min: null,
      capacity: 1,
      stock: m.owner === 'bob' ? 50 : 200,
      valid_until: new Date(now.getTime() + 90 * DAY_MS),
    }
  })
  for (const batch of chunks(coupons)) await trx.insertInto('coupons').values(batch).onConflict((oc) => oc.column('id').doNothing()).execute()
  for (const batch of chunks(deals)) await trx.insertInto('offerings').values(batch).onConflict((oc) => oc.column('id').doNothing()).execute()
  return { coupons: coupons.length, deals: deals.length }
}
