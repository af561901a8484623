import { describe, expect, it } from 'vitest'
import { useTestApp } from '../../test/support/app'

const t = useTestApp()

describe('categories', () => {
  it('lists every category from the database in display order, publicly', async () => {
    const res = await t.call('GET', '/v1/categories')
    expect(res.status).toBe(200)
    const rows = await t.db.selectFrom('categories').select(['slug', 'name', 'name as name_en', 'name_zh']).orderBy('position').execute()
    expect(rows.length).toBeGreaterThan(0)
    expect(res.body).toEqual({ data: rows, next_cursor: null })
    expect(res.body.data[0]).toEqual({ slug: 'food', name: 'Restaurants & food', name_en: 'Restaurants & food', name_zh: '美食餐饮' })
    // Every seeded category has its Chinese name.
    expect(res.body.data.filter((c: { name_zh: string | null }) => !c.name_zh)).toEqual([])
    expect(res.body.data.map((c: { slug: string }) => c.slug)).toContain('coffee')
  })

  it('shows a category added later', async () => {
    await t.db.insertInto('categories').values({ slug: 'tailor', name: 'Tailoring', position: 99 }).execute()
    const res = await t.call('GET', '/v1/categories')
    expect(res.body.data.at(-1)).toEqual({ slug: 'tailor', name: 'Tailoring', name_en: 'Tailoring', name_zh: null })
  })

  it('appears in the OpenAPI document', async () => {
    const doc = await t.call('GET', '/openapi.json')
    expect(doc.body.paths['/v1/categories']).toBeDefined()
    expect(doc.body.components.schemas.Category).toBeDefined()
  })
})
