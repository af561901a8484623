import { describe, expect, it } from 'vitest'
import { useTestApp } from '../../test/support/app'
import { makeMerchant, makeUser } from '../../test/support/factories'
import { freshArea, makeStore, recommendations } from '../../test/support/recommendations'
import { completedOrder } from '../../test/support/reviews'
import { refreshRecommendations } from '../recommendations/refresh'

const t = useTestApp()

function report(id: string, token: string | undefined, body: unknown, headers: Record<string, string> = {}) {
  return t.call('POST', `/v1/merchants/${id}/reports`, { token, body, headers })
}

async function storedReports(merchantId: string) {
  return t.db.selectFrom('storefront_reports').selectAll().where('merchant_id', '=', merchantId).execute()
}

describe('POST /v1/merchants/:id/reports', () => {
  it('stores one report with its reason and note, and answers 409 to the same user reporting again', async () => {
    const shop = await makeMerchant(t.db)
    const me = await makeUser(t.deps)
    const res = await report(shop.id, me.token, { reason: 'closed', note: '  Shuttered since March ' })
    expect(res.status).toBe(201)
    expect(res.body).toEqual({ id: expect.any(String), merchant_id: shop.id, reason: 'closed', note: 'Shuttered since March', created_at: expect.any(String) })
    const again = await report(shop.id, me.token, { reason: 'spam' })
    expect(again.status).toBe(409)
    expect(again.body.code).toBe('already_reported')
    const rows = await storedReports(shop.id)
    expect(rows.map((r) => [r.user_id, r.reason, r.note])).toEqual([[me.id, 'closed', 'Shuttered since March']])
    // Someone else may report it too.
    expect((await report(shop.id, (await makeUser(t.deps)).token, { reason: 'wrong_location' })).status).toBe(201)
    expect(await storedReports(shop.id)).toHaveLength(2)
  })

  it('refuses the owner with 403, strangers to drafts and unknown ids with 404, anonymous callers with 401', async () => {
    const owner = await makeUser(t.deps, { role: 'merchant' })
    const shop = await makeMerchant(t.db, { owner_id: owner.id })
    const mine = await report(shop.id, owner.token, { reason: 'spam' })
    expect(mine.status).toBe(403)
    expect(mine.body.code).toBe('own_storefront')
    const me = await makeUser(t.deps)
    const draft = await makeMerchant(t.db, { status: 'draft' })
    expect((await report(draft.id, me.token, { reason: 'spam' })).status).toBe(404)
    expect((await report(crypto.randomUUID(), me.token, { reason: 'spam' })).status).toBe(404)
    expect((await report(shop.id, undefined, { reason: 'spam' })).status).toBe(401)
    expect(await storedReports(shop.id)).toEqual([])
  })

  it('answers 422 naming the field for a bad reason, a long or empty note, extra fields or a malformed id', async () => {
    const shop = await makeMerchant(t.db)
    const me = await makeUser(t.deps)
    const cases: Array<[unknown, string]> = [
      [{}, 'reason'],
      [{ reason: 'boring' }, 'reason'],
      [{ reason: 'other', note: 'x'.repeat(501) }, 'note'],
      [{ reason: 'other', note: '   ' }, 'note'],
      [{ reason: 'other', note: 'bad\u0000byte' }, 'note'],
      [{ reason: 'other', stars: 1 }, ''],
    ]
    for (const [body, path] of cases) {
      const res = await report(shop.id, me.token, body)
      expect(res.status, JSON.stringify(body)).toBe(422)
      if (path) expect(res.body.errors.map((e: { path: string }) => e.path), JSON.stringify(body)).toContain(path)
    }
    expect((await report('not-a-uuid', me.token, { reason: 'spam' })).status).toBe(422)
    expect((await report(shop.id, me.token, { reason: 'other', note: 'x'.repeat(500) })).status).toBe(201)
  })

  it('of two identical reports at once, stores one (201) and refuses the other (409)', async () => {
    const shop = await makeMerchant(t.db)
    const me = await makeUser(t.deps)
    const both = await Promise.all([1, 2].map(() => report(shop.id, me.token, { reason: 'inappropriate' })))
    expect(both.map((r) => r.status).sort()).toEqual([201, 409])
    expect(await storedReports(shop.id)).toHaveLength(1)
  })

  it('replays the answer for a repeated Idempotency-Key, and refuses the key with another body', async () => {
    const shop = await makeMerchant(t.db)
    const me = await makeUser(t.deps)
    const headers = { 'Idempotency-Key': 'report-shop-1' }
    const first = await report(shop.id, me.token, { reason: 'closed' }, headers)
    expect(first.status).toBe(201)
    const again = await report(shop.id, me.token, { reason: 'closed' }, headers)
    expect(again.status).toBe(201)
    expect(again.headers.get('idempotent-replayed')).toBe('true')
    expect(again.body).toEqual(first.body)
    const other = await report(shop.id, me.token, { reason: 'spam' }, headers)
    expect(other.status).toBe(409)
    expect(other.body.code).toBe('idempotency_key_reused')
    expect(await storedReports(shop.id)).toHaveLength(1)
  })

  it('takes the storefront out of the reporter\'s recommendations and interest groups at once, not anyone else\'s', async () => {
    const at = freshArea()
    const reported = await makeStore(t, at, 200, { category: 'bar', tags: ['live-music'] })
    const kept = await makeStore(t, at, 400, { category: 'bar', tags: ['live-music'] })
    const fans = [await makeUser(t.deps), await makeUser(t.deps)]
    for (const fan of fans) {
      expect((await t.call('PUT', '/v1/me/interests', { token: fan.token, body: ['live-music'] })).status).toBe(200)
      for (const shop of [reported, kept]) await completedOrder(t, shop, fan)
    }
    await refreshRecommendations(t.deps)
    const me = await makeUser(t.deps)
    const other = await makeUser(t.deps)
    const ids = async (token: string) => ((await recommendations(t, at, token)).body.data as Array<{ id: string }>).map((i) => i.id)
    const group = async (token?: string) =>
      ((await t.call('GET', `/v1/interests/live-music/storefronts?lat=${at.lat}&lng=${at.lng}`, { token })).body.data as Array<{ id: string }>).map((i) => i.id)
    expect(await ids(me.token)).toContain(reported.merchant.id)
    expect(await group(me.token)).toEqual([reported.merchant.id, kept.merchant.id])

    expect((await report(reported.merchant.id, me.token, { reason: 'closed' })).status).toBe(201)
    expect(await ids(me.token)).not.toContain(reported.merchant.id)
    expect(await ids(me.token)).toContain(kept.merchant.id)
    expect(await group(me.token)).toEqual([kept.merchant.id])
    // Only the reporter's lists change.
    expect(await ids(other.token)).toContain(reported.merchant.id)
    expect(await group(other.token)).toEqual([reported.merchant.id, kept.merchant.id])
    expect(await group()).toEqual([reported.merchant.id, kept.merchant.id])
  })

  it('leaves the next pages of an earlier ranked snapshot too', async () => {
    const at = freshArea()
    for (const m of [100, 200, 300]) await makeStore(t, at, m, { category: 'coffee' })
    const me = await makeUser(t.deps)
    const all = ((await recommendations(t, at, me.token)).body.data as Array<{ id: string }>).map((i) => i.id)
    expect(all).toHaveLength(3)
    const first = await recommendations(t, at, me.token, '&limit=1')
    expect(first.body.data.map((i: { id: string }) => i.id)).toEqual([all[0]])
    expect((await report(all[1]!, me.token, { reason: 'spam' })).status).toBe(201)
    const second = await recommendations(t, at, me.token, `&limit=1&cursor=${encodeURIComponent(first.body.next_cursor)}`)
    expect(second.status).toBe(200)
    expect(second.body.data).toEqual([])
    const third = await recommendations(t, at, me.token, `&limit=1&cursor=${encodeURIComponent(second.body.next_cursor)}`)
    expect(third.body.data.map((i: { id: string }) => i.id)).toEqual([all[2]])
  })
})
