import { describe, expect, it } from 'vitest'
import { useTestApp } from '../../test/support/app'
import { makeUser } from '../../test/support/factories'
import { makeShop } from '../../test/support/orders'
import { completedOrder, makeReview, postReview } from '../../test/support/reviews'

const t = useTestApp()

function jsonLd(html: string): any {
  const scripts = [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)]
  expect(scripts).toHaveLength(1)
  return JSON.parse(scripts[0]![1]!)
}

const meta = (html: string, key: string) => new RegExp(`<meta (?:property|name)="${key}" content="([^"]*)">`).exec(html)?.[1]

describe('share pages', () => {
  it('render a published storefront with OpenGraph, Twitter and LocalBusiness JSON-LD matching the API', async () => {
    const shop = await makeShop(t)
    await makeReview(t, shop, 5, 'Great!')
    await makeReview(t, shop, 4, 'Good')
    const hostile = '</script><script>alert(1)</script><img src=x onerror=alert(2)> & "quotes"'
    const { orderId, consumer } = await completedOrder(t, shop)
    const evil = (await postReview(t, consumer.token, orderId, { rating: 2, text: hostile })).body

    const res = await t.call('GET', `/s/${shop.merchant.id}`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8')
    const html = res.text
    // The hostile text appears only escaped: no new script element, no live attribute.
    expect(html.match(/<script/g)).toHaveLength(1)
    expect(html).not.toContain('<img src=x')
    expect(html).toContain('&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;')

    const api = (await t.call('GET', `/v1/merchants/${shop.merchant.id}`)).body
    const ld = jsonLd(html)
    expect(ld['@context']).toBe('https://schema.org')
    expect(ld['@type']).toBe('LocalBusiness')
    expect(ld.name).toBe(api.name)
    expect(ld.aggregateRating).toEqual({ '@type': 'AggregateRating', ratingValue: api.rating_avg, reviewCount: api.review_count, bestRating: 5, worstRating: 1 })
    expect(api).toMatchObject({ rating_avg: 3.67, review_count: 3 })
    expect(ld.review).toHaveLength(3)
    expect(ld.review.map((r: { reviewBody: string }) => r.reviewBody)).toContain(hostile)
    expect(ld.review[0]).toMatchObject({ '@type': 'Review', author: { '@type': 'Person' }, reviewRating: { '@type': 'Rating', ratingValue: 2 } })
    expect(ld.openingHoursSpecification).toHaveLength(7)

    expect(meta(html, 'og:title')).toBe(api.name)
    expect(meta(html, 'og:url')).toBe(`http://localhost/s/${shop.merchant.id}`)
    expect(meta(html, 'twitter:card')).toBe('summary')
    expect(meta(html, 'og:description')).toContain('3 reviews')

    const one = await t.call('GET', `/s/${shop.merchant.id}/reviews/${evil.id}`)
    expect(one.status).toBe(200)
    expect(one.text.match(/<script/g)).toHaveLength(1)
    const reviewLd = jsonLd(one.text)
    expect(reviewLd).toMatchObject({ '@type': 'Review', reviewBody: hostile, itemReviewed: { '@type': 'LocalBusiness', aggregateRating: { ratingValue: 3.67, reviewCount: 3 } } })
    expect(meta(one.text, 'og:description')).toBe(hostile.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;'))
  })

  it('answer drafts, unknown ids, hidden and foreign reviews with a 404 page', async () => {
    const draft = await makeShop(t, { status: 'draft' })
    const shop = await makeShop(t)
    const other = await makeShop(t)
    const { review } = await makeReview(t, shop, 1)
    for (const path of [`/s/${draft.merchant.id}`, '/s/not-a-uuid', '/s/00000000-0000-4000-8000-000000000000', `/s/${other.merchant.id}/reviews/${review.id}`, `/s/${shop.merchant.id}/reviews/nope`]) {
      const res = await t.call('GET', path)
      expect(res.status, path).toBe(404)
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8')
      expect(res.text).toContain('Not found')
    }
    for (let i = 0; i < 3; i++) {
      const reporter = await makeUser(t.deps)
      await t.call('POST', `/v1/reviews/${review.id}/reports`, { token: reporter.token, body: { reason: 'abuse' } })
    }
    expect((await t.call('GET', `/s/${shop.merchant.id}/reviews/${review.id}`)).status).toBe(404)
    const page = await t.call('GET', `/s/${shop.merchant.id}`)
    expect(page.status).toBe(200)
    expect(jsonLd(page.text).aggregateRating).toBeUndefined()
    expect(page.text).toContain('No reviews yet')
  })
})
