import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { seedDemo } from '../seed/demo'
import { seedDemoPhotos } from '../seed/photos'
import { useTestApp } from './support/app'

const t = useTestApp()

describe('demo photos', () => {
  it("gives bob's storefronts and a sample of others cover photos, once", { timeout: 120_000 }, async () => {
    await seedDemo(t.db)
    const started = Date.now()
    expect(await seedDemoPhotos(t.db, t.deps.storage, { sample: 20 })).toBe(23)
    expect(Date.now() - started).toBeLessThan(15_000)
    expect(await seedDemoPhotos(t.db, t.deps.storage, { sample: 20 })).toBe(0)

    const bobs = await t.db
      .selectFrom('merchants as m')
      .innerJoin('users as u', 'u.id', 'm.owner_id')
      .select(['m.id', 'm.status'])
      .where('u.email', '=', 'bob@demo.o2o')
      .execute()
    for (const shop of bobs) {
      const res = await t.call('GET', `/v1/merchants/${shop.id}`, { token: undefined })
      if (shop.status !== 'active') continue
      expect(res.body.photos).toHaveLength(3)
      expect(res.body.cover_url).toBe(res.body.photos[0].url)
      const image = await t.app.request(res.body.cover_url)
      expect(image.status).toBe(200)
      expect((await sharp(Buffer.from(await image.arrayBuffer())).metadata()).format).toBe('jpeg')
    }
    const covered = await t.db.selectFrom('merchants').select('id').where('cover_key', 'is not', null).execute()
    expect(covered).toHaveLength(23)
  })
})
