import { describe, expect, it } from 'vitest'
import { useTestApp } from '../../test/support/app'

const t = useTestApp()

describe('place search', () => {
  it('finds a landmark by its Chinese or English name, exact matches first', async () => {
    const zh = await t.call('GET', `/v1/places?q=${encodeURIComponent('西湖')}`)
    expect(zh.status).toBe(200)
    expect(zh.body.next_cursor).toBeNull()
    expect(zh.body.data[0]).toEqual({ name_en: 'West Lake', name_zh: '西湖', lat: 30.2459, lng: 120.1487, zoom: 14 })
    const en = await t.call('GET', '/v1/places?q=west%20lake')
    expect(en.body.data.map((p: { name_zh: string }) => p.name_zh)).toEqual(['西湖'])
    expect((await t.call('GET', '/v1/places?q=chinatown')).body.data).toHaveLength(2)
    expect((await t.call('GET', '/v1/places?q=nowhere-at-all')).body).toEqual({ data: [], next_cursor: null })
  })

  it('refuses an empty, overlong or unknown query with a 422 naming the field', async () => {
    expect((await t.call('GET', '/v1/places?q=')).status).toBe(422)
    expect((await t.call('GET', `/v1/places?q=${'x'.repeat(101)}`)).status).toBe(422)
    const extra = await t.call('GET', '/v1/places?q=west&limit=3')
    expect(extra.status).toBe(422)
  })
})
