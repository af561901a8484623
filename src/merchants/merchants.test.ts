import { latLngToCell } from 'h3-js'
import { beforeAll, describe, expect, it } from 'vitest'
import { useTestApp } from '../../test/support/app'
import { makeMerchant, makeOffering, makeUser, type TestUser } from '../../test/support/factories'
import { activateMerchant } from './merchants.repository'

const t = useTestApp()
const WEST_LAKE = { lat: 30.2431, lng: 120.1503 }
const TIMES_SQUARE = { lat: 40.758, lng: -73.9855 }
const WEEKDAYS = [1, 2, 3, 4, 5].map((day) => ({ day, open: '09:00', close: '21:00' }))

let owner: TestUser
let rival: TestUser
let consumer: TestUser
beforeAll(async () => {
  owner = await makeUser(t.deps, { role: 'merchant' })
  rival = await makeUser(t.deps, { role: 'merchant' })
  consumer = await makeUser(t.deps, { role: 'consumer' })
})

function storefront(overrides: Record<string, unknown> = {}) {
  return { name: 'Lakeside Tea', category: 'coffee', location: WEST_LAKE, timezone: 'Asia/Shanghai', hours: WEEKDAYS, ...overrides }
}

async function create(overrides: Record<string, unknown> = {}, token = owner.token) {
  return t.call('POST', '/v1/merchants', { token, body: storefront(overrides) })
}

async function expectH3Row(id: string, at: { lat: number; lng: number }) {
  const row = await t.db.selectFrom('merchants').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
  expect([row.lat, row.lng]).toEqual([at.lat, at.lng])
  for (const res of [9, 8, 7, 6, 5, 4, 3] as const) {
    expect(row[`h3_r${res}`], `h3_r${res}`).toBe(latLngToCell(at.lat, at.lng, res))
  }
}

function paths(res: { body: { errors?: Array<{ path: string }> } }) {
  return (res.body.errors ?? []).map((e) => e.path).sort()
}

describe('POST /v1/merchants', () => {
  it('creates a draft storefront with normalized tags and its H3 cells', async () => {
    const res = await create({ description: 'Longjing by the water', tags: [' Tea ', 'tea', 'WIFI'], address: '1 Lake Rd', phone: '+86 571 0000', service_radius_m: 3000 })
    expect(res.status).toBe(201)
    expect(res.body).toEqual({
      id: expect.any(String),
      owner_id: owner.id,
      name: 'Lakeside Tea',
      description: 'Longjing by the water',
      category: 'coffee',
      tags: ['tea', 'wifi'],
      location: WEST_LAKE,
      h3_cell: latLngToCell(WEST_LAKE.lat, WEST_LAKE.lng, 9),
      address: '1 Lake Rd',
      phone: '+86 571 0000',
      timezone: 'Asia/Shanghai',
      currency: 'CNY',
      hours: WEEKDAYS,
      service_radius_m: 3000,
      status: 'draft',
      rating_avg: null,
      review_count: 0,
      rating_counts: { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 },
      follower_count: 0,
      share_url: `/s/${res.body.id}`,
      photos: [],
      cover_url: null,
      created_at: expect.any(String),
      updated_at: expect.any(String),
      payouts: { charges_enabled: false, payouts_enabled: false, details_submitted: false },
    })
    await expectH3Row(res.body.id, WEST_LAKE)
  })

  it('stores every H3 resolution for Times Square and fills optional fields with null', async () => {
    const res = await create({ location: TIMES_SQUARE, timezone: 'America/New_York' })
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({ description: null, tags: [], address: null, phone: null, service_radius_m: null, currency: 'USD' })
    expect(res.body.h3_cell).toBe(latLngToCell(TIMES_SQUARE.lat, TIMES_SQUARE.lng, 9))
    await expectH3Row(res.body.id, TIMES_SQUARE)
  })

  it('accepts round-the-clock and overnight shifts that do not collide', async () => {
    const allWeek = [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, open: '00:00', close: '00:00' }))
    expect((await create({ hours: allWeek })).status).toBe(201)
    const nights = [{ day: 5, open: '18:00', close: '02:00' }, { day: 6, open: '02:00', close: '04:00' }, { day: 6, open: '20:00', close: '03:00' }, { day: 0, open: '03:00', close: '12:00' }]
    expect((await create({ hours: nights })).status).toBe(201)
  })

  it('lets only merchant accounts open storefronts', async () => {
    expect((await create({}, consumer.token)).status).toBe(403)
    expect((await t.call('POST', '/v1/merchants', { body: storefront() })).status).toBe(401)
    const count = await t.db.selectFrom('merchants').select((eb) => eb.fn.countAll<number>().as('n')).where('owner_id', '=', consumer.id).executeTakeFirst()
    expect(Number(count?.n)).toBe(0)
  })

  it.each([
    ['bad latitude', { location: { lat: 91, lng: 120 } }, ['location.lat']],
    ['unknown category', { category: 'spaceships' }, ['category']],
    ['unknown time zone', { timezone: 'Mars/Olympus_Mons' }, ['timezone']],
    ['offset instead of a zone', { timezone: '+08:00' }, ['timezone']],
    ['malformed close time', { hours: [WEEKDAYS[0], { day: 2, open: '09:00', close: '9pm' }] }, ['hours[1].close']],
    ['day out of range', { hours: [{ day: 7, open: '09:00', close: '10:00' }] }, ['hours[0].day']],
    ['too many tags', { tags: Array.from({ length: 11 }, (_, i) => `t${i}`) }, ['tags']],
    ['blank name', { name: '  ' }, ['name']],
  ])('rejects %s with 422 naming the field', async (_label, overrides, expected) => {
    const res = await create(overrides)
    expect(res.status).toBe(422)
    expect(res.body.code).toBe('validation_failed')
    expect(paths(res)).toEqual(expected)
  })

  it('rejects overlapping shifts on one day, across midnight and across the week end', async () => {
    const sameDay = await create({ hours: [{ day: 1, open: '09:00', close: '13:00' }, { day: 1, open: '12:00', close: '18:00' }] })
    expect(sameDay.status).toBe(422)
    expect(paths(sameDay)).toEqual(['hours[1].open'])

    const overnight = await create({ hours: [{ day: 2, open: '08:00', close: '12:00' }, { day: 1, open: '20:00', close: '09:00' }] })
    expect(overnight.status).toBe(422)
    expect(paths(overnight)).toEqual(['hours[0].open'])
    expect(overnight.body.errors[0].message).toContain('hours[1]')

    const weekEnd = await create({ hours: [{ day: 6, open: '22:00', close: '03:00' }, { day: 0, open: '02:00', close: '10:00' }] })
    expect(paths(weekEnd)).toEqual(['hours[1].open'])
  })

  it('reports a bad category and overlapping hours together', async () => {
    const res = await create({ category: 'nope', hours: [{ day: 3, open: '10:00', close: '12:00' }, { day: 3, open: '10:00', close: '11:00' }] })
    expect(res.status).toBe(422)
    expect(paths(res)).toEqual(['category', 'hours[1].open'])
  })
})

describe('reading storefronts', () => {
  it('shows drafts only to their owner and active storefronts to everyone', async () => {
    const draft = (await create()).body
    expect((await t.call('GET', `/v1/merchants/${draft.id}`, { token: owner.token })).body).toEqual(draft)
    expect((await t.call('GET', `/v1/merchants/${draft.id}`)).status).toBe(404)
    expect((await t.call('GET', `/v1/merchants/${draft.id}`, { token: rival.token })).status).toBe(404)
    expect((await t.call('GET', `/v1/merchants/${draft.id}`, { token: consumer.token })).status).toBe(404)

    const active = await makeMerchant(t.db, { owner_id: owner.id })
    const res = await t.call('GET', `/v1/merchants/${active.id}`)
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ id: active.id, status: 'active', owner_id: owner.id })
  })

  it('lists the caller’s own storefronts of every status', async () => {
    const me = await makeUser(t.deps, { role: 'merchant' })
    const draft = (await create({}, me.token)).body
    const active = await makeMerchant(t.db, { owner_id: me.id })
    await makeMerchant(t.db, { owner_id: rival.id })
    const res = await t.call('GET', '/v1/merchants?owner=me', { token: me.token })
    expect(res.status).toBe(200)
    expect(res.body.data.map((m: { id: string }) => m.id).sort()).toEqual([draft.id, active.id].sort())
    expect((await t.call('GET', '/v1/merchants?owner=me')).status).toBe(401)
    const noOwner = await t.call('GET', '/v1/merchants', { token: me.token })
    expect(noOwner.status).toBe(422)
    expect(paths(noOwner)).toEqual(['owner'])
  })

  it('answers malformed ids with 422 naming the id (one rule on every route), never 500', async () => {
    expect((await t.call('GET', '/v1/merchants/not-a-uuid')).status).toBe(422)
    expect((await t.call('PATCH', '/v1/merchants/123', { token: owner.token, body: { name: 'x' } })).status).toBe(422)
    expect((await t.call('POST', '/v1/merchants/%27;drop/publish', { token: owner.token })).status).toBe(422)
  })
})

describe('PATCH /v1/merchants/:id', () => {
  it('changes only the given fields and moves every H3 cell with the location', async () => {
    const before = (await create({ tags: ['tea'] })).body
    const res = await t.call('PATCH', `/v1/merchants/${before.id}`, {
      token: owner.token,
      body: { name: 'Times Square Tea', location: TIMES_SQUARE, timezone: 'america/new_york', description: null, tags: ['Matcha'] },
    })
    expect(res.status).toBe(200)
    expect(res.body).toEqual({
      ...before,
      name: 'Times Square Tea',
      location: TIMES_SQUARE,
      h3_cell: latLngToCell(TIMES_SQUARE.lat, TIMES_SQUARE.lng, 9),
      timezone: 'America/New_York',
      tags: ['matcha'],
      updated_at: expect.any(String),
    })
    expect(res.body.updated_at).not.toBe(before.updated_at)
    await expectH3Row(before.id, TIMES_SQUARE)
    expect((await t.call('GET', `/v1/merchants/${before.id}`, { token: owner.token })).body).toEqual(res.body)
  })

  it('validates like creation and names the field', async () => {
    const { id } = (await create()).body
    const badHours = await t.call('PATCH', `/v1/merchants/${id}`, { token: owner.token, body: { hours: [WEEKDAYS[0], { day: 1, open: '10:00', close: '25:00' }] } })
    expect(badHours.status).toBe(422)
    expect(paths(badHours)).toEqual(['hours[1].close'])
    const overlap = await t.call('PATCH', `/v1/merchants/${id}`, { token: owner.token, body: { hours: [WEEKDAYS[0], WEEKDAYS[0]] } })
    expect(paths(overlap)).toEqual(['hours[1].open'])
    const category = await t.call('PATCH', `/v1/merchants/${id}`, { token: owner.token, body: { category: 'unknown' } })
    expect(paths(category)).toEqual(['category'])
    expect((await t.call('PATCH', `/v1/merchants/${id}`, { token: owner.token, body: {} })).status).toBe(422)
  })

  it('refuses to leave an active storefront without hours', async () => {
    const active = await makeMerchant(t.db, { owner_id: owner.id })
    const res = await t.call('PATCH', `/v1/merchants/${active.id}`, { token: owner.token, body: { hours: [] } })
    expect(res.status).toBe(422)
    expect(paths(res)).toEqual(['hours'])
  })

  it('lets nobody but the owner edit: 403 on an active storefront, 404 on a draft', async () => {
    const active = await makeMerchant(t.db, { owner_id: owner.id, name: 'Mine' })
    const draft = (await create()).body
    expect((await t.call('PATCH', `/v1/merchants/${active.id}`, { token: rival.token, body: { name: 'Stolen' } })).status).toBe(403)
    expect((await t.call('PATCH', `/v1/merchants/${active.id}`, { token: consumer.token, body: { name: 'Stolen' } })).status).toBe(403)
    expect((await t.call('PATCH', `/v1/merchants/${draft.id}`, { token: rival.token, body: { name: 'Stolen' } })).status).toBe(404)
    expect((await t.call('PATCH', `/v1/merchants/${draft.id}`, { body: { name: 'Stolen' } })).status).toBe(401)
    const names = await t.db.selectFrom('merchants').select('name').where('id', 'in', [active.id, draft.id]).execute()
    expect(names.map((r) => r.name).sort()).toEqual(['Lakeside Tea', 'Mine'])
  })
})

describe('POST /v1/merchants/:id/publish', () => {
  it('names what is missing, then publishes once hours and an active offering exist', async () => {
    const draft = (await create({ hours: [] })).body
    const publish = () => t.call('POST', `/v1/merchants/${draft.id}/publish`, { token: owner.token })

    const empty = await publish()
    expect(empty.status).toBe(422)
    expect(empty.body.code).toBe('not_publishable')
    expect(paths(empty)).toEqual(['hours', 'offerings'])

    await t.call('PATCH', `/v1/merchants/${draft.id}`, { token: owner.token, body: { hours: WEEKDAYS } })
    await makeOffering(t.db, draft.id, { active: false })
    expect(paths(await publish())).toEqual(['offerings'])
    expect((await t.call('GET', `/v1/merchants/${draft.id}`)).status).toBe(404)

    await makeOffering(t.db, draft.id)
    const res = await publish()
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ id: draft.id, status: 'active' })
    expect((await t.call('GET', `/v1/merchants/${draft.id}`)).body.status).toBe('active')
    expect((await publish()).status).toBe(200)
  })

  it('lets nobody but the owner publish', async () => {
    const draft = (await create()).body
    await makeOffering(t.db, draft.id)
    expect((await t.call('POST', `/v1/merchants/${draft.id}/publish`, { token: rival.token })).status).toBe(404)
    const row = await t.db.selectFrom('merchants').select('status').where('id', '=', draft.id).executeTakeFirstOrThrow()
    expect(row.status).toBe('draft')
    const active = await makeMerchant(t.db)
    expect((await t.call('POST', `/v1/merchants/${active.id}/publish`, { token: rival.token })).status).toBe(403)
  })
})

describe('the publish guard in the database', () => {
  it('never activates a storefront without hours or an active offering, whatever the caller checked', async () => {
    const noOffering = await makeMerchant(t.db, { owner_id: owner.id, status: 'draft' })
    await makeOffering(t.db, noOffering.id, { active: false })
    const noHours = await makeMerchant(t.db, { owner_id: owner.id, status: 'draft', hours: [] })
    await makeOffering(t.db, noHours.id)
    expect(await activateMerchant(t.db, noOffering.id, owner.id, new Date())).toBeUndefined()
    expect(await activateMerchant(t.db, noHours.id, owner.id, new Date())).toBeUndefined()
    expect(await activateMerchant(t.db, noHours.id, rival.id, new Date())).toBeUndefined()
    const rows = await t.db.selectFrom('merchants').select('status').where('id', 'in', [noOffering.id, noHours.id]).execute()
    expect(rows.map((r) => r.status)).toEqual(['draft', 'draft'])
  })

  it('publishes once when the owner sends two publish requests at the same time', async () => {
    const draft = await makeMerchant(t.db, { owner_id: owner.id, status: 'draft' })
    await makeOffering(t.db, draft.id)
    const results = await Promise.all([1, 2].map(() => t.call('POST', `/v1/merchants/${draft.id}/publish`, { token: owner.token })))
    expect(results.map((r) => r.status)).toEqual([200, 200])
    expect(results.map((r) => r.body.status)).toEqual(['active', 'active'])
  })
})

describe('the OpenAPI document', () => {
  it('describes the storefront endpoints and schemas', async () => {
    const doc = (await t.call('GET', '/openapi.json')).body
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/v1/merchants', '/v1/merchants/{id}', '/v1/merchants/{id}/publish']))
    expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(['Storefront', 'CreateStorefrontRequest', 'OpeningShift']))
  })
})
