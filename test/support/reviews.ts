import type { TestContext } from './app'
import { makeUser, type TestUser } from './factories'
import { makeShop, placeOrder } from './orders'

let seq = 0

export type Shop = Awaited<ReturnType<typeof makeShop>>

/** A cash order by `consumer` (a new one by default) at `shop`, redeemed at the counter: `completed`. */
export async function completedOrder(t: TestContext, shop: Shop, consumer?: TestUser): Promise<{ orderId: string; consumer: TestUser }> {
  const buyer = consumer ?? (await makeUser(t.deps))
  const placed = await placeOrder(t, buyer.token, { merchant_id: shop.merchant.id, items: [{ offering_id: shop.product.id, quantity: 2 }], payment_method: 'cash' })
  if (placed.status !== 201) throw new Error(`placing an order failed: ${placed.status} ${placed.text}`)
  const redeemed = await t.call('POST', `/v1/merchants/${shop.merchant.id}/redemptions`, { token: shop.owner.token, body: { code: placed.body.redemption_code } })
  if (redeemed.status !== 200) throw new Error(`redeeming failed: ${redeemed.status} ${redeemed.text}`)
  return { orderId: placed.body.id, consumer: buyer }
}

/** POST /v1/orders/:id/review. */
export function postReview(t: TestContext, token: string, orderId: string, body: unknown) {
  return t.call('POST', `/v1/orders/${orderId}/review`, { token, body })
}

/** A completed order at `shop` reviewed with `rating` stars by a new consumer; returns the review body. */
export async function makeReview(t: TestContext, shop: Shop, rating: number, text = `review ${++seq}`) {
  const { orderId, consumer } = await completedOrder(t, shop)
  const res = await postReview(t, consumer.token, orderId, { rating, text })
  if (res.status !== 201) throw new Error(`reviewing failed: ${res.status} ${res.text}`)
  return { review: res.body, consumer, orderId }
}

/** An upload row as POST /v1/uploads would leave it (the files themselves are not needed here). */
export async function makeUpload(t: TestContext, ownerId: string) {
  const n = ++seq
  return t.db
    .insertInto('uploads')
    .values({ owner_id: ownerId, content_type: 'image/jpeg', storage_key: `test/${n}-${Math.random().toString(36).slice(2)}.jpg`, thumbnail_key: `test/${n}-${Math.random().toString(36).slice(2)}-thumb.jpg`, width: 800, height: 600, byte_size: 1234 })
    .returningAll()
    .executeTakeFirstOrThrow()
}

/** The storefront's rating columns as stored. */
export async function storedRatings(t: TestContext, merchantId: string) {
  const row = await t.db
    .selectFrom('merchants')
    .select(['rating_avg', 'review_count', 'rating_1_count', 'rating_2_count', 'rating_3_count', 'rating_4_count', 'rating_5_count'])
    .where('id', '=', merchantId)
    .executeTakeFirstOrThrow()
  return {
    rating_avg: row.rating_avg === null ? null : Number(row.rating_avg),
    review_count: row.review_count,
    counts: [row.rating_1_count, row.rating_2_count, row.rating_3_count, row.rating_4_count, row.rating_5_count],
  }
}
