import { describe, expect, it } from 'vitest'
import { useTestApp } from '../../test/support/app'
import { makeMerchant } from '../../test/support/factories'

const t = useTestApp()

function nearby(params: Record<string, string | number>) {
  const qs = new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)]))
  return t.call('GET', `/v1/search/nearby?${qs}`)
}

async function names(params: Record<string, string | number>): Promise<string[]> {
  const res = await nearby({ limit: 50, ...params })
  expect(res.status).toBe(200)
  return res.body.data.map((l: { name: string }) => l.name)
}

async function openNowAt(at: string, where: { lat: number; lng: number }): Promise<Record<string, boolean>> {
  t.setNow(new Date(at))
  try {
    const res = await nearby({ ...where, radius_m: 1000, limit: 50 })
    expect(res.status).toBe(200)
    return Object.fromEntries(res.body.data.map((l: { name: string; open_now: boolean }) => [l.name, l.open_now]))
  } finally {
    t.setNow(undefined)
  }
}

describe('open_now', () => {
  it('follows an overnight shift across midnight in the shop’s own zone', async () => {
    const here = { lat: 31.2, lng: 121.4 }
    // Friday 20:00 until Saturday 02:00, Shanghai time (UTC+8).
    await makeMerchant(t.db, { ...here, name: 'Night noodles', timezone: 'Asia/Shanghai', hours: [{ day: 5, open: '20:00', close: '02:00' }] })
    expect(await openNowAt('2026-11-20T11:59:00Z', here)).toEqual({ 'Night noodles': false }) // Fri 19:59
    expect(await openNowAt('2026-11-20T15:59:00Z', here)).toEqual({ 'Night noodles': true }) // Fri 23:59
    expect(await openNowAt('2026-11-20T16:00:00Z', here)).toEqual({ 'Night noodles': true }) // Sat 00:00
    expect(await openNowAt('2026-11-20T17:59:00Z', here)).toEqual({ 'Night noodles': true }) // Sat 01:59
    expect(await openNowAt('2026-11-20T18:00:00Z', here)).toEqual({ 'Night noodles': false }) // Sat 02:00
  })

  it('uses local wall-clock time on both New York DST change days', async () => {
    const here = { lat: 40.7, lng: -74 }
    await makeMerchant(t.db, {
      ...here,
      name: 'Diner',
      timezone: 'America/New_York',
      // Saturday night into Sunday; both DST changes happen early on a Sunday.
      hours: [{ day: 6, open: '22:00', close: '03:30' }],
    })
    // 03:29 EDT (07:29Z) is still inside the shift; a fixed -05:00 offset would call it 02:29.
    expect(await openNowAt('2026-03-08T07:29:00Z', here)).toEqual({ Diner: true })
    expect(await openNowAt('2026-03-08T07:30:00Z', here)).toEqual({ Diner: false }) // 03:30 EDT
    // 2026-11-01: 01:00–02:00 happens twice; both 01:29s are before 03:30, 03:30 EST closes.
    expect(await openNowAt('2026-11-01T05:29:00Z', here)).toEqual({ Diner: true }) // 01:29 EDT
    expect(await openNowAt('2026-11-01T06:29:00Z', here)).toEqual({ Diner: true }) // 01:29 EST
    expect(await openNowAt('2026-11-01T08:30:00Z', here)).toEqual({ Diner: false }) // 03:30 EST
    expect(await openNowAt('2026-11-01T08:29:00Z', here)).toEqual({ Diner: true }) // 03:29 EST
  })

  it('evaluates shops in different zones at the same instant, and filters with open_now=true', async () => {
    const here = { lat: 51.5, lng: -0.12 }
    const nineToFive = [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, open: '09:00', close: '17:00' }))
    await makeMerchant(t.db, { ...here, name: 'London shop', timezone: 'Europe/London', hours: nineToFive })
    await makeMerchant(t.db, { ...here, name: 'Shanghai shop', timezone: 'Asia/Shanghai', hours: nineToFive })
    await makeMerchant(t.db, { ...here, name: 'Never open', timezone: 'Europe/London', hours: [] })
    // 10:00 in London is 18:00 in Shanghai.
    expect(await openNowAt('2026-11-23T10:00:00Z', here)).toEqual({ 'London shop': true, 'Shanghai shop': false, 'Never open': false })
    t.setNow(new Date('2026-11-23T10:00:00Z'))
    try {
      expect(await names({ ...here, open_now: 'true' })).toEqual(['London shop'])
      expect((await names({ ...here, open_now: 'false' })).sort()).toEqual(['London shop', 'Never open', 'Shanghai shop'])
    } finally {
      t.setNow(undefined)
    }
  })
})

describe('text search', () => {
  const here = { lat: 30.25, lng: 120.17 }
  it('matches typos, Chinese substrings, descriptions and tags', async () => {
    await makeMerchant(t.db, { ...here, name: 'Blue Bottle Coffee', category: 'coffee', tags: ['espresso'] })
    await makeMerchant(t.db, { ...here, name: '星巴克咖啡', category: 'coffee', tags: ['wifi'] })
    await makeMerchant(t.db, { ...here, name: 'Hair Studio', category: 'hair', description: 'cuts and colour', tags: ['walk-in'] })
    await makeMerchant(t.db, { ...here, name: 'Bakery 100%', category: 'bakery', tags: ['wifi'] })
    expect(await names({ ...here, q: 'cofee' })).toEqual(['Blue Bottle Coffee'])
    expect(await names({ ...here, q: '咖啡' })).toEqual(['星巴克咖啡'])
    expect(await names({ ...here, q: 'colour' })).toEqual(['Hair Studio'])
    expect(await names({ ...here, q: 'ESPRESSO' })).toEqual(['Blue Bottle Coffee'])
    expect(await names({ ...here, q: '100%' })).toEqual(['Bakery 100%'])
    expect(await names({ ...here, q: '%' })).toEqual(['Bakery 100%'])
    expect((await names({ ...here, tag: 'wifi' })).sort()).toEqual(['Bakery 100%', '星巴克咖啡'])
    expect(await names({ ...here, tag: 'wifi', category: 'coffee' })).toEqual(['星巴克咖啡'])
    expect(await names({ ...here, q: 'zzzzqx' })).toEqual([])
    const ranked = await names({ ...here, q: 'coffee', sort: 'relevance' })
    expect(ranked[0]).toBe('Blue Bottle Coffee')
  })
})

describe('rating', () => {
  const here = { lat: -23.55, lng: -46.63 }
  it('sorts by a Bayesian average and filters on the shown rating', async () => {
    await makeMerchant(t.db, { ...here, name: 'One 5-star review', rating_avg: 5, review_count: 1 })
    await makeMerchant(t.db, { ...here, name: 'Loved by 500', rating_avg: 4.8, review_count: 500 })
    await makeMerchant(t.db, { ...here, name: 'Unreviewed' })
    await makeMerchant(t.db, { ...here, name: 'Mediocre', rating_avg: 3, review_count: 50 })
    expect(await names({ ...here, sort: 'rating' })).toEqual(['Loved by 500', 'One 5-star review', 'Unreviewed', 'Mediocre'])
    expect(await names({ ...here, sort: 'rating', min_rating: 4 })).toEqual(['Loved by 500', 'One 5-star review'])
    const res = await nearby({ ...here, sort: 'rating' })
    expect(res.body.data.map((l: { rating: number | null; review_count: number }) => [l.rating, l.review_count])).toEqual([
      [4.8, 500],
      [5, 1],
      [null, 0],
      [3, 50],
    ])
  })
})
