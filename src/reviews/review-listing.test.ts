import { describe, expect, it } from 'vitest'
import { useTestApp } from '../../test/support/app'
import { makeUser } from '../../test/support/factories'
import { makeShop } from '../../test/support/orders'
import { completedOrder, makeReview, makeUpload, postReview } from '../../test/support/reviews'

const t = useTestApp()
type R = { id: string; rating: number; helpful_count: number; created_at: string }

async function allPages(path: string, limit: number, between?: () => Promise<void>): Promise<R[]> {
  const seen: R[] = []
  let cursor: string | null = null
  do {
    const sep = path.includes('?') ? '&' : '?'
    const res = await t.call('GET', `${path}${sep}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)
    expect(res.status).toBe(200)
    seen.push(...res.body.data)
    cursor = res.body.next_cursor
    if (between) await between()
  } while (cursor)
  return seen
}

describe('GET /v1/merchants/:id/reviews', () => {
  it('pages every sort with no repeats or skips while new reviews arrive', async () => {
    const shop = await makeShop(t)
    // Several reviews share a timestamp, so the id tie-break is exercised too.
    t.setNow(new Date('2026-11-01T10:00:00Z'))
    const initial: string[] = []
    for (let i = 0; i < 9; i++) {
      if (i % 3 === 0) t.setNow(new Date(Date.UTC(2026, 10, 1, 10, i)))
      initial.push((await makeReview(t, shop, (i % 5) + 1)).review.id)
    }
    t.setNow(undefined)
    const voter = await makeUser(t.deps)
    await t.call('PUT', `/v1/reviews/${initial[3]}/helpful`, { token: voter.token })
    const sorts = {
      recent: (a: R, b: R) => b.created_at.localeCompare(a.created_at) || b.id.localeCompare(a.id),
      helpful: (a: R, b: R) => b.helpful_count - a.helpful_count || b.created_at.localeCompare(a.created_at) || b.id.localeCompare(a.id),
      rating_high: (a: R, b: R) => b.rating - a.rating || b.created_at.localeCompare(a.created_at) || b.id.localeCompare(a.id),
      rating_low: (a: R, b: R) => a.rating - b.rating || b.created_at.localeCompare(a.created_at) || b.id.localeCompare(a.id),
    }
    for (const [sort, compare] of Object.entries(sorts)) {
      const arrived: string[] = []
      const seen = await allPages(`/v1/merchants/${shop.merchant.id}/reviews?sort=${sort}`, 4, async () => {
        arrived.push((await makeReview(t, shop, 3)).review.id)
      })
      const ids = seen.map((r) => r.id)
      expect(new Set(ids).size, sort).toBe(ids.length)
      for (const id of initial) expect(ids, sort).toContain(id)
      expect(seen, sort).toEqual([...seen].sort(compare))
    }
  })

  it('filters to reviews with photos, and rejects cursors of another listing and unknown parameters', async () => {
    const shop = await makeShop(t)
    await makeReview(t, shop, 5)
    const { orderId, consumer } = await completedOrder(t, shop)
    const photo = await makeUpload(t, consumer.id)
    const withPhoto = (await postReview(t, consumer.token, orderId, { rating: 4, photo_ids: [photo.id] })).body
    await makeReview(t, shop, 3)
    const res = await t.call('GET', `/v1/merchants/${shop.merchant.id}/reviews?with_photos=true`)
    expect(res.body.data.map((r: R) => r.id)).toEqual([withPhoto.id])

    const first = await t.call('GET', `/v1/merchants/${shop.merchant.id}/reviews?limit=1`)
    expect(first.body.next_cursor).toEqual(expect.any(String))
    const other = await t.call('GET', `/v1/merchants/${shop.merchant.id}/reviews?limit=1&sort=helpful&cursor=${encodeURIComponent(first.body.next_cursor)}`)
    expect(other.status).toBe(422)
    expect(other.body).toMatchObject({ code: 'invalid_cursor', errors: [{ path: 'cursor' }] })
    expect((await t.call('GET', `/v1/merchants/${shop.merchant.id}/reviews?cursor=abc.def`)).status).toBe(422)
    expect((await t.call('GET', `/v1/merchants/${shop.merchant.id}/reviews?sort=best`)).status).toBe(422)
    expect((await t.call('GET', `/v1/merchants/${shop.merchant.id}/reviews?page=2`)).status).toBe(422)
    const draft = await makeShop(t, { status: 'draft' })
    expect((await t.call('GET', `/v1/merchants/${draft.merchant.id}/reviews`)).status).toBe(404)
  })

  it("lists a consumer's own reviews", async () => {
    const shop = await makeShop(t)
    const { review, consumer } = await makeReview(t, shop, 4)
    const res = await t.call('GET', '/v1/me/reviews', { token: consumer.token })
    expect(res.status).toBe(200)
    expect(res.body).toEqual({ data: [review], next_cursor: null })
    expect((await t.call('GET', '/v1/me/reviews')).status).toBe(401)
  })
})

describe('helpful votes', () => {
  it('count one vote per user, never the author, exactly under concurrency', async () => {
    const shop = await makeShop(t)
    const { review, consumer } = await makeReview(t, shop, 5)
    const voters = await Promise.all(Array.from({ length: 12 }, () => makeUser(t.deps)))
    const votes = await Promise.all(voters.flatMap((v) => [1, 2].map(() => t.call('PUT', `/v1/reviews/${review.id}/helpful`, { token: v.token }))))
    expect(votes.map((r) => r.status)).toEqual(Array(24).fill(200))
    const row = await t.db.selectFrom('reviews').select('helpful_count').where('id', '=', review.id).executeTakeFirstOrThrow()
    expect(row.helpful_count).toBe(12)

    const own = await t.call('PUT', `/v1/reviews/${review.id}/helpful`, { token: consumer.token })
    expect(own.status).toBe(403)
    expect(own.body.code).toBe('own_review')
    const undone = await Promise.all(voters.slice(0, 5).map((v) => t.call('DELETE', `/v1/reviews/${review.id}/helpful`, { token: v.token })))
    expect(undone.map((r) => r.status)).toEqual(Array(5).fill(200))
    const state = await t.call('DELETE', `/v1/reviews/${review.id}/helpful`, { token: voters[0]!.token })
    expect(state.body).toEqual({ helpful_count: 7, viewer_found_helpful: false })
    const listed = await t.call('GET', `/v1/merchants/${shop.merchant.id}/reviews`, { token: voters[11]!.token })
    expect(listed.body.data[0]).toMatchObject({ helpful_count: 7, viewer_found_helpful: true })
    expect((await t.call('GET', `/v1/merchants/${shop.merchant.id}/reviews`)).body.data[0].viewer_found_helpful).toBe(false)
    expect((await t.call('PUT', `/v1/reviews/${review.id}/helpful`)).status).toBe(401)
  })
})

describe('reports', () => {
  it('hide a review after 3 distinct reporters (one cannot), until the owner restores it', async () => {
    const shop = await makeShop(t)
    const { review, consumer } = await makeReview(t, shop, 1)
    const listed = async () => (await t.call('GET', `/v1/merchants/${shop.merchant.id}/reviews`)).body.data.map((r: R) => r.id)
    const reporters = await Promise.all([1, 2, 3].map(() => makeUser(t.deps)))
    const report = (token: string) => t.call('POST', `/v1/reviews/${review.id}/reports`, { token, body: { reason: 'fake review' } })

    expect((await report(reporters[0]!.token)).status).toBe(201)
    const again = await report(reporters[0]!.token)
    expect(again.status).toBe(409)
    expect(again.body.code).toBe('already_reported')
    expect((await report(consumer.token)).status).toBe(403)
    expect((await t.call('POST', `/v1/reviews/${review.id}/reports`, { token: reporters[1]!.token, body: { reason: ' ' } })).status).toBe(422)
    expect(await listed()).toEqual([review.id])

    const both = await Promise.all([report(reporters[1]!.token), report(reporters[2]!.token)])
    expect(both.map((r) => r.status)).toEqual([201, 201])
    expect(await listed()).toEqual([])
    // Hidden: gone for strangers, still there for its author and in the owner's inbox.
    expect((await t.call('PUT', `/v1/reviews/${review.id}/helpful`, { token: reporters[0]!.token })).status).toBe(404)
    expect((await t.call('GET', '/v1/me/reviews', { token: consumer.token })).body.data.map((r: R) => r.id)).toEqual([review.id])
    const inbox = await t.call('GET', `/v1/merchants/${shop.merchant.id}/reviews/inbox`, { token: shop.owner.token })
    expect(inbox.body.data).toEqual([expect.objectContaining({ id: review.id, hidden: true, report_count: 3 })])

    const stranger = await makeUser(t.deps, { role: 'merchant' })
    expect((await t.call('POST', `/v1/reviews/${review.id}/restore`, { token: stranger.token })).status).toBe(404)
    expect((await t.call('POST', `/v1/reviews/${review.id}/restore`, { token: shop.owner.token })).status).toBe(200)
    expect(await listed()).toEqual([review.id])
    expect((await t.call('POST', `/v1/reviews/${review.id}/restore`, { token: shop.owner.token })).status).toBe(409)
    // The owner's decision stands: a fourth report does not hide it again.
    const fourth = await makeUser(t.deps)
    expect((await report(fourth.token)).status).toBe(201)
    expect(await listed()).toEqual([review.id])
  })
})

describe('replies', () => {
  it('let only the storefront owner write one editable, deletable reply; the inbox puts unanswered first', async () => {
    const shop = await makeShop(t)
    const first = await makeReview(t, shop, 2)
    const second = await makeReview(t, shop, 5)
    const rival = await makeShop(t)
    const put = (token: string, text: string, id = first.review.id) => t.call('PUT', `/v1/reviews/${id}/reply`, { token, body: { text } })

    expect((await put(rival.owner.token, 'nope')).status).toBe(403)
    expect((await put(first.consumer.token, 'nope')).status).toBe(403)
    expect((await put(shop.owner.token, '')).status).toBe(422)
    const written = await put(shop.owner.token, 'Sorry, come back and we will fix it')
    expect(written.status).toBe(200)
    expect(written.body.reply).toEqual({ text: 'Sorry, come back and we will fix it', created_at: expect.any(String), edited_at: null })
    const edited = await put(shop.owner.token, 'Sorry! Next coffee is on us')
    expect(edited.body.reply).toMatchObject({ text: 'Sorry! Next coffee is on us', edited_at: expect.any(String) })
    expect(await t.db.selectFrom('review_replies').select('review_id').where('review_id', '=', first.review.id).execute()).toHaveLength(1)

    const inbox = await t.call('GET', `/v1/merchants/${shop.merchant.id}/reviews/inbox`, { token: shop.owner.token })
    expect(inbox.body.data.map((r: R) => r.id)).toEqual([second.review.id, first.review.id])
    expect((await t.call('GET', `/v1/merchants/${shop.merchant.id}/reviews/inbox`, { token: rival.owner.token })).status).toBe(403)
    expect((await t.call('GET', `/v1/merchants/${shop.merchant.id}/reviews/inbox`, { token: first.consumer.token })).status).toBe(403)

    expect((await t.call('DELETE', `/v1/reviews/${first.review.id}/reply`, { token: rival.owner.token })).status).toBe(403)
    expect((await t.call('DELETE', `/v1/reviews/${first.review.id}/reply`, { token: shop.owner.token })).status).toBe(204)
    expect((await t.call('DELETE', `/v1/reviews/${first.review.id}/reply`, { token: shop.owner.token })).status).toBe(404)
    const listed = await t.call('GET', `/v1/merchants/${shop.merchant.id}/reviews`)
    expect(listed.body.data.every((r: { reply: unknown }) => r.reply === null)).toBe(true)
  })
})

describe.skipIf(!process.env.TEST_DATABASE_URL)('a review deleted while others act on it (PostgreSQL server: PGlite has one session, no lock waits)', () => {
  it('answers the vote, the report and the owner reply in flight with 404, not 500', async () => {
    const shop = await makeShop(t)
    const { review } = await makeReview(t, shop, 4)
    const [voter, reporter] = [await makeUser(t.deps), await makeUser(t.deps)]
    let inFlight: Promise<Awaited<ReturnType<typeof t.call>>[]> | undefined
    // The author's DELETE has removed the row but not yet committed as the others arrive.
    await t.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('reviews').where('id', '=', review.id).execute()
      inFlight = Promise.all([
        t.call('PUT', `/v1/reviews/${review.id}/helpful`, { token: voter.token }),
        t.call('POST', `/v1/reviews/${review.id}/reports`, { token: reporter.token, body: { reason: 'spam' } }),
        t.call('PUT', `/v1/reviews/${review.id}/reply`, { token: shop.owner.token, body: { text: 'Thank you!' } }),
      ])
      await new Promise((r) => setTimeout(r, 300))
    })
    const answers = await inFlight!
    expect(answers.map((r) => [r.status, r.body.code])).toEqual(Array(3).fill([404, 'review_not_found']))
  })
})
