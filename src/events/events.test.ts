import { afterAll, describe, expect, it } from 'vitest'
import { useTestApp } from '../../test/support/app'
import { makeUser } from '../../test/support/factories'
import { makeShop, placeOrder } from '../../test/support/orders'
import { type ServerProcess, startServerProcess } from '../../test/support/server-process'
import { readSse } from '../../test/support/sse'

describe('the event stream', () => {
  const t = useTestApp()

  const open = async (token: string, lastEventId?: string) => {
    const res = await t.app.request('/v1/me/events', { headers: { Authorization: `Bearer ${token}`, ...(lastEventId && { 'Last-Event-ID': lastEventId }) } })
    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Type')).toMatch(/^text\/event-stream/)
    const stream = readSse(res)
    // Subscribed from here on: what is raised next reaches this stream.
    await stream.connected()
    return stream
  }

  const cashOrder = async (shop: Awaited<ReturnType<typeof makeShop>>, token: string) => {
    const placed = await placeOrder(t, token, { merchant_id: shop.merchant.id, items: [{ offering_id: shop.product.id, quantity: 1 }], payment_method: 'cash' })
    expect(placed.status).toBe(201)
    return placed.body
  }

  it('sends order status changes and posts of followed stores live, and replays them after Last-Event-ID', async () => {
    const shop = await makeShop(t)
    const fan = await makeUser(t.deps)
    expect((await t.call('PUT', `/v1/merchants/${shop.merchant.id}/follow`, { token: fan.token })).status).toBe(200)
    const stream = await open(fan.token)
    const order = await cashOrder(shop, fan.token)
    const redeemed = await t.call('POST', `/v1/merchants/${shop.merchant.id}/redemptions`, { token: shop.owner.token, body: { code: order.redemption_code } })
    expect(redeemed.status).toBe(200)
    const changed = await stream.next((e) => e.event === 'order.status_changed')
    expect(changed.data).toMatchObject({ type: 'order.status_changed', order_id: order.id, from_status: 'confirmed', status: 'completed' })
    expect(changed.id).toBe(String(changed.data.id))

    const posted = await t.call('POST', `/v1/merchants/${shop.merchant.id}/posts`, { token: shop.owner.token, body: { text: 'New menu today' } })
    const live = await stream.next((e) => e.event === 'store.posted')
    expect(live.data).toMatchObject({ post_id: posted.body.id, merchant_id: shop.merchant.id, excerpt: 'New menu today' })
    await stream.close()

    // Missed while disconnected: replayed in order after the last id the client saw.
    const missed = await t.call('POST', `/v1/merchants/${shop.merchant.id}/posts`, { token: shop.owner.token, body: { text: 'Missed one' } })
    const resumed = await open(fan.token, changed.id)
    expect((await resumed.next()).data.post_id).toBe(posted.body.id)
    expect((await resumed.next()).data.post_id).toBe(missed.body.id)
    await resumed.close()
  })

  it("never sends another user's events or posts of stores the user does not follow", async () => {
    const shop = await makeShop(t)
    const fan = await makeUser(t.deps)
    const stranger = await makeUser(t.deps)
    const stream = await open(stranger.token)
    await cashOrder(shop, fan.token)
    await t.call('POST', `/v1/merchants/${shop.merchant.id}/posts`, { token: shop.owner.token, body: { text: 'not for strangers' } })
    await expect(stream.next(() => true, 800)).rejects.toThrow('no matching event in time')
    await stream.close()
  })

  it("tells a storefront's owner about its orders (placed, cancelled, redeemed) and never another merchant", async () => {
    const shop = await makeShop(t)
    const rival = await makeShop(t)
    const consumer = await makeUser(t.deps)
    const ownerStream = await open(shop.owner.token)
    const rivalStream = await open(rival.owner.token)
    const first = await cashOrder(shop, consumer.token)
    const placed = await ownerStream.next((e) => e.event === 'merchant.order')
    expect(placed.data).toMatchObject({ type: 'merchant.order', order_id: first.id, merchant_id: shop.merchant.id, from_status: null, status: 'confirmed' })
    expect((await t.call('POST', `/v1/orders/${first.id}/cancel`, { token: consumer.token })).status).toBe(200)
    const cancelled = await ownerStream.next((e) => e.event === 'merchant.order')
    expect(cancelled.data).toMatchObject({ order_id: first.id, from_status: 'confirmed', status: 'cancelled' })
    const second = await cashOrder(shop, consumer.token)
    await ownerStream.next((e) => e.event === 'merchant.order' && e.data.order_id === second.id)
    expect((await t.call('POST', `/v1/merchants/${shop.merchant.id}/redemptions`, { token: shop.owner.token, body: { code: second.redemption_code } })).status).toBe(200)
    const redeemed = await ownerStream.next((e) => e.event === 'merchant.order' && e.data.status === 'completed')
    expect(redeemed.data.order_id).toBe(second.id)
    // The rival merchant's stream heard none of it.
    await expect(rivalStream.next(() => true, 800)).rejects.toThrow('no matching event in time')
    await Promise.all([ownerStream.close(), rivalStream.close()])
    // A reconnecting owner gets the missed order events replayed.
    const resumed = await open(shop.owner.token, placed.id)
    expect((await resumed.next()).data).toMatchObject({ order_id: first.id, status: 'cancelled' })
    await resumed.close()
  })

  it('cleans up on disconnect, bounds streams per user, and checks its input', async () => {
    const fan = await makeUser(t.deps)
    const before = t.deps.events?.size() ?? 0
    const streams = await Promise.all(Array.from({ length: 6 }, () => open(fan.token)))
    expect(t.deps.events?.size()).toBe(before + t.deps.config.EVENTS_MAX_STREAMS_PER_USER)
    await Promise.all(streams.map((s) => s.close()))
    await new Promise((r) => setTimeout(r, 50))
    expect(t.deps.events?.size()).toBe(before)
    expect((await t.call('GET', '/v1/me/events')).status).toBe(401)
    expect((await t.call('GET', '/v1/me/events', { token: fan.token, headers: { 'Last-Event-ID': 'abc' } })).status).toBe(422)
    expect((await t.call('GET', '/v1/me/events?x=1', { token: fan.token })).status).toBe(422)
  })
})

describe.runIf(process.env.TEST_DATABASE_URL)('the event stream across processes', () => {
  const t = useTestApp()
  let other: ServerProcess | undefined
  afterAll(async () => {
    await other?.stop()
  })

  it('an order redeemed through a second server process reaches a stream held by the first', async () => {
    const url = (t.handle as { url?: string }).url as string
    other = await startServerProcess({ DATABASE_URL: url, JWT_SECRET: t.deps.jwtSecret }, { echo: 'stderr' })
    const shop = await makeShop(t)
    const fan = await makeUser(t.deps)
    const placed = await placeOrder(t, fan.token, { merchant_id: shop.merchant.id, items: [{ offering_id: shop.product.id, quantity: 1 }], payment_method: 'cash' })
    const res = await t.app.request('/v1/me/events', { headers: { Authorization: `Bearer ${fan.token}` } })
    const stream = readSse(res)
    await stream.connected()
    const redeemed = await fetch(`${other.url}/v1/merchants/${shop.merchant.id}/redemptions`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${shop.owner.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ code: placed.body.redemption_code }),
    })
    expect(redeemed.status).toBe(200)
    const event = await stream.next((e) => e.event === 'order.status_changed')
    expect(event.data).toMatchObject({ order_id: placed.body.id, status: 'completed' })
    await stream.close()
  }, 120_000)
})
