import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import type { TestContext } from '../../test/support/app'
import { useTestApp } from '../../test/support/app'
import { makeUser, type TestUser } from '../../test/support/factories'
import { makeShop } from '../../test/support/orders'
import type { Shop } from '../../test/support/reviews'
import { type FeedKey, feedKeys, pruneInboxes } from './feed.repository'

async function post(t: TestContext, shop: Shop, text: string): Promise<string> {
  const res = await t.call('POST', `/v1/merchants/${shop.merchant.id}/posts`, { token: shop.owner.token, body: { text } })
  if (res.status !== 201) throw new Error(`posting failed: ${res.status} ${res.text}`)
  return res.body.id
}

async function follow(t: TestContext, fan: TestUser, shop: Shop) {
  expect((await t.call('PUT', `/v1/merchants/${shop.merchant.id}/follow`, { token: fan.token })).status).toBe(200)
}

async function unfollow(t: TestContext, fan: TestUser, shop: Shop) {
  expect((await t.call('DELETE', `/v1/merchants/${shop.merchant.id}/follow`, { token: fan.token })).status).toBe(200)
}

const inboxRows = async (t: TestContext, merchantId: string, userId?: string) =>
  Number(
    (
      await sql<{ n: string }>`SELECT count(*) AS n FROM feed_inbox WHERE merchant_id = ${merchantId} ${userId ? sql`AND user_id = ${userId}` : sql``}`.execute(
        t.db,
      )
    ).rows[0]?.n,
  )

/** What every page must equal: all items of the followed storefronts after `after`, newest first. */
const reference = async (t: TestContext, userId: string, after: FeedKey | undefined, limit: number) =>
  (
    await sql<{ key: string }>`
      SELECT i.kind || ':' || i.item_id AS key FROM store_feed_items i JOIN follows f ON f.merchant_id = i.merchant_id AND f.user_id = ${userId}
      ${after ? sql`WHERE (i.created_at, i.item_id) < (${after[0]}::timestamptz, ${after[1]}::uuid)` : sql``}
      ORDER BY i.created_at DESC, i.item_id DESC LIMIT ${limit}`.execute(t.db)
  ).rows.map((r) => r.key)

async function pagesMatchReference(t: TestContext, userId: string, limit: number): Promise<number> {
  let after: FeedKey | undefined
  let seen = 0
  for (;;) {
    const rows = await feedKeys(t.db, userId, after, limit)
    expect(rows.map((r) => `${r.kind}:${r.id}`)).toEqual(await reference(t, userId, after, limit))
    if (rows.length === 0) return seen
    seen += rows.length
    const last = rows[rows.length - 1]
    after = last ? [last.created_key, last.id] : undefined
  }
}

describe('the hybrid feed: pushed to followers of small storefronts, pulled from large ones', () => {
  const t = useTestApp()

  it("copies a small storefront's items into each follower's inbox, and takes them out again", async () => {
    const shop = await makeShop(t)
    const [a, b] = [await makeUser(t.deps), await makeUser(t.deps)]
    await follow(t, a, shop)
    await follow(t, b, shop)
    const id = await post(t, shop, 'fresh bread at 7')
    expect(await inboxRows(t, shop.merchant.id)).toBe(2)
    expect((await feedKeys(t.db, a.id, undefined, 10)).map((r) => r.id)).toEqual([id])
    // Deleting the post takes it out of every inbox.
    expect((await t.call('DELETE', `/v1/merchants/${shop.merchant.id}/posts/${id}`, { token: shop.owner.token })).status).toBe(204)
    expect(await inboxRows(t, shop.merchant.id)).toBe(0)
    // Unfollowing empties that storefront's rows of the one who left; the other keeps theirs.
    await post(t, shop, 'croissants')
    await unfollow(t, a, shop)
    expect(await inboxRows(t, shop.merchant.id, a.id)).toBe(0)
    expect(await inboxRows(t, shop.merchant.id, b.id)).toBe(1)
    expect(await feedKeys(t.db, a.id, undefined, 10)).toEqual([])
  })

  it("brings a storefront's 20 newest items into a new follower's feed", async () => {
    const shop = await makeShop(t)
    const ids: string[] = []
    for (let n = 0; n < 23; n++) ids.push(await post(t, shop, `news ${n}`))
    const fan = await makeUser(t.deps)
    await follow(t, fan, shop)
    const rows = await feedKeys(t.db, fan.id, undefined, 50)
    expect(rows.map((r) => r.id)).toEqual(ids.slice(3).reverse())
    // Following again after leaving brings them back.
    await unfollow(t, fan, shop)
    await follow(t, fan, shop)
    expect((await feedKeys(t.db, fan.id, undefined, 50)).map((r) => r.id)).toEqual(ids.slice(3).reverse())
  })

  it('switches a storefront to pull for good at 5,000 followers, in the follow that reaches it', async () => {
    const shop = await makeShop(t)
    const before = await post(t, shop, 'before the crowd')
    // 4,999 followers through the trigger (the rows are what a PUT …/follow writes).
    await sql`
      INSERT INTO users (email, name, role, password_hash)
      SELECT 'crowd' || g || '-' || ${shop.merchant.id}::text || '@test.o2o', 'Crowd ' || g, 'consumer', 'x' FROM generate_series(1, 4999) g`.execute(t.db)
    await sql`
      INSERT INTO follows (user_id, merchant_id) SELECT id, ${shop.merchant.id} FROM users WHERE email LIKE ${`crowd%-${shop.merchant.id}@test.o2o`}`.execute(t.db)
    const pull = async () => (await sql<{ feed_pull: boolean; follower_count: number }>`SELECT feed_pull, follower_count FROM merchants WHERE id = ${shop.merchant.id}`.execute(t.db)).rows[0]
    expect(await pull()).toEqual({ feed_pull: false, follower_count: 4999 })
    expect(await inboxRows(t, shop.merchant.id)).toBe(4999)
    const fan = await makeUser(t.deps)
    await follow(t, fan, shop)
    expect(await pull()).toEqual({ feed_pull: true, follower_count: 5000 })
    // Pulled from now on: a new post goes to no inbox, yet every follower's feed shows it, and the
    // post pushed before the switch (in the crowd's inboxes and in the timeline) shows once.
    const after = await post(t, shop, 'after the crowd')
    expect(await inboxRows(t, shop.merchant.id)).toBe(4999)
    const crowdOne = (await sql<{ id: string }>`SELECT id FROM users WHERE email = ${`crowd1-${shop.merchant.id}@test.o2o`}`.execute(t.db)).rows[0]?.id as string
    expect((await feedKeys(t.db, crowdOne, undefined, 10)).map((r) => r.id)).toEqual([after, before])
    expect((await feedKeys(t.db, fan.id, undefined, 10)).map((r) => r.id)).toEqual([after, before])
    // Falling back under 5,000 keeps it pulled (no follower loses its items).
    await unfollow(t, fan, shop)
    expect(await pull()).toEqual({ feed_pull: true, follower_count: 4999 })
    expect((await feedKeys(t.db, crowdOne, undefined, 10)).map((r) => r.id)).toEqual([after, before])
  })

  it('answers every page exactly as a plain merge of pushed and pulled storefronts, some switched midway', async () => {
    const fan = await makeUser(t.deps)
    const shops = [await makeShop(t), await makeShop(t), await makeShop(t), await makeShop(t)]
    for (const shop of shops) await follow(t, fan, shop)
    for (let n = 0; n < 12; n++) await post(t, shops[n % 4] as Shop, `early ${n}`)
    // Two storefronts switch to pull (as their 5,000th follow would); one of them posts on.
    await sql`UPDATE merchants SET feed_pull = true WHERE id IN (${shops[0]?.merchant.id}, ${shops[1]?.merchant.id})`.execute(t.db)
    for (let n = 0; n < 12; n++) await post(t, shops[n % 3] as Shop, `late ${n}`)
    for (const limit of [1, 3, 7, 50]) expect(await pagesMatchReference(t, fan.id, limit)).toBe(24)
    // A post deleted after the switch leaves its pushed copy behind; the feed still leaves it out.
    const pushedEarly = (await sql<{ id: string }>`SELECT id FROM merchant_posts WHERE merchant_id = ${shops[0]?.merchant.id} AND text = 'early 0'`.execute(t.db)).rows[0]?.id
    expect((await t.call('DELETE', `/v1/merchants/${shops[0]?.merchant.id}/posts/${pushedEarly}`, { token: shops[0]?.owner.token })).status).toBe(204)
    expect(await inboxRows(t, shops[0]?.merchant.id as string, fan.id)).toBe(3)
    for (const limit of [2, 50]) expect(await pagesMatchReference(t, fan.id, limit)).toBe(23)
  })

  it('never loses a post to a follow committing at the same moment', async () => {
    const shop = await makeShop(t)
    const fans = await Promise.all(Array.from({ length: 12 }, () => makeUser(t.deps)))
    // Each round: one fan follows while the storefront posts; whichever commits first, the fan has the post.
    for (const [n, fan] of fans.entries()) {
      const [, id] = await Promise.all([follow(t, fan, shop), post(t, shop, `race ${n}`)])
      const keys = await feedKeys(t.db, fan.id, undefined, 50)
      expect(keys.map((r) => r.id)).toContain(id)
    }
    // And every follower holds every post (each round's post reached all who followed before it).
    for (const fan of fans) expect(await inboxRows(t, shop.merchant.id, fan.id)).toBe(12)
  })
})

describe("the feed's window", () => {
  const t = useTestApp()

  it('shows the last 180 days of pushed and pulled storefronts, and the prune job drops older inbox keys', async () => {
    const [pushed, pulled] = [await makeShop(t), await makeShop(t)]
    const fan = await makeUser(t.deps)
    await follow(t, fan, pushed)
    await follow(t, fan, pulled)
    await sql`UPDATE merchants SET feed_pull = true WHERE id = ${pulled.merchant.id}`.execute(t.db)
    const old = [await post(t, pushed, 'spring menu'), await post(t, pulled, 'spring opening hours')]
    const ids = async () => {
      const res = await t.call('GET', '/v1/feed?limit=50', { token: fan.token })
      expect(res.status).toBe(200)
      return res.body.data.map((i: { id: string }) => i.id)
    }
    expect(await ids()).toEqual([...old].reverse())
    // 181 days on, both are past the window; what is posted then shows.
    t.setNow(new Date(Date.now() + 181 * 86_400_000))
    try {
      expect(await ids()).toEqual([])
      const fresh = await post(t, pushed, 'autumn menu')
      expect(await ids()).toEqual([fresh])
      // The job deletes the old key (batch by batch) and leaves the new one.
      const cutoff = new Date(Date.now() + 1 * 86_400_000)
      expect(await pruneInboxes(t.db, cutoff, 1)).toBeGreaterThanOrEqual(1)
      const left = await sql<{ item_id: string }>`SELECT item_id FROM feed_inbox WHERE user_id = ${fan.id}`.execute(t.db)
      expect(left.rows.map((r) => r.item_id)).toEqual([fresh])
    } finally {
      t.setNow(undefined)
    }
  })
})
