import { sql } from 'kysely'
import { beforeAll, describe, expect, it } from 'vitest'
import { useTestApp } from '../../test/support/app'
import { makeUser, type TestUser } from '../../test/support/factories'
import { uploadPhoto } from '../../test/support/images'
import { deleteAbandonedUploads } from './cleanup'

const t = useTestApp()
let owner: TestUser
beforeAll(async () => {
  owner = await makeUser(t.deps, { role: 'merchant' })
})

const HOUR = 3600 * 1000

/** Makes an upload look `hours` old by the database's clock. */
async function age(id: string, hours: number) {
  await sql`UPDATE uploads SET created_at = now() - make_interval(hours => ${hours}) WHERE id = ${id}`.execute(t.db)
}

async function keysOf(id: string) {
  return t.db.selectFrom('uploads').select(['storage_key', 'thumbnail_key']).where('id', '=', id).executeTakeFirstOrThrow()
}

async function filesExist(keys: { storage_key: string; thumbnail_key: string }) {
  return [!!(await t.deps.storage.get(keys.storage_key)), !!(await t.deps.storage.get(keys.thumbnail_key))]
}

describe('deleting abandoned uploads', () => {
  it('deletes unattached uploads older than a day, rows and files, and keeps attached and young ones', async () => {
    const [abandoned, attached, young] = [await uploadPhoto(t, owner.token), await uploadPhoto(t, owner.token), await uploadPhoto(t, owner.token)]
    const storefront = await t.call('POST', '/v1/merchants', {
      token: owner.token,
      body: { name: 'Kept', category: 'coffee', location: { lat: 30.27, lng: 120.15 }, timezone: 'Asia/Shanghai', hours: [], photo_ids: [attached] },
    })
    expect(storefront.status).toBe(201)
    // 23 hours old by the database, and the app's clock runs 2 hours ahead: 25 hours for the cleanup.
    await age(abandoned, 23)
    await age(attached, 23)
    const abandonedKeys = await keysOf(abandoned)
    const attachedKeys = await keysOf(attached)
    const youngKeys = await keysOf(young)

    t.setNow(new Date(Date.now() + 2 * HOUR))
    try {
      expect(await deleteAbandonedUploads(t.deps)).toBe(1)
    } finally {
      t.setNow(undefined)
    }
    const left = await t.db.selectFrom('uploads').select('id').where('id', 'in', [abandoned, attached, young]).execute()
    expect(left.map((r) => r.id).sort()).toEqual([attached, young].sort())
    expect(await filesExist(abandonedKeys)).toEqual([false, false])
    expect(await filesExist(attachedKeys)).toEqual([true, true])
    expect(await filesExist(youngKeys)).toEqual([true, true])
    expect((await t.app.request(`/media/${abandonedKeys.storage_key}`)).status).toBe(404)
  })

  it('deletes each abandoned upload once when several processes clean up at the same time', async () => {
    const ids = await Promise.all(Array.from({ length: 6 }, () => uploadPhoto(t, owner.token)))
    for (const id of ids) await age(id, 30)
    const counts = await Promise.all([deleteAbandonedUploads(t.deps), deleteAbandonedUploads(t.deps), deleteAbandonedUploads(t.deps)])
    expect(counts.reduce((a, b) => a + b, 0)).toBe(6)
    expect(await t.db.selectFrom('uploads').select('id').where('id', 'in', ids).execute()).toEqual([])
  })
})
