import { describe, expect, it } from 'vitest'
import { useTestApp } from '../../test/support/app'

const t = useTestApp()

async function expectProblem(path: string, field: string, status = 422) {
  const res = await t.call('GET', path)
  expect(res.status, path).toBe(status)
  expect(res.headers.get('content-type')).toBe('application/problem+json')
  expect(res.body.errors?.map((e: { path: string }) => e.path), path).toContain(field)
}

describe('bad search input', () => {
  it.each([
    ['/v1/search/nearby?lng=120', 'lat'],
    ['/v1/search/nearby?lat=91&lng=120', 'lat'],
    ['/v1/search/nearby?lat=-90.5&lng=120', 'lat'],
    ['/v1/search/nearby?lat=&lng=120', 'lat'],
    ['/v1/search/nearby?lat=north&lng=120', 'lat'],
    ['/v1/search/nearby?lat=30&lng=181', 'lng'],
    ['/v1/search/nearby?lat=30&lng=-180.01', 'lng'],
    ['/v1/search/nearby?lat=30&lng=120&radius_m=0', 'radius_m'],
    ['/v1/search/nearby?lat=30&lng=120&radius_m=50001', 'radius_m'],
    ['/v1/search/nearby?lat=30&lng=120&limit=51', 'limit'],
    ['/v1/search/nearby?lat=30&lng=120&limit=0', 'limit'],
    ['/v1/search/nearby?lat=30&lng=120&sort=price', 'sort'],
    ['/v1/search/nearby?lat=30&lng=120&open_now=maybe', 'open_now'],
    ['/v1/search/nearby?lat=30&lng=120&min_rating=6', 'min_rating'],
    ['/v1/search/nearby?lat=30&lng=120&category=spaceships', 'category'],
    ['/v1/search/nearby?lat=30&lng=120&cursor=not-a-cursor', 'cursor'],
    ['/v1/search/map?bbox=2.3,48.9,2.4,48.8&zoom=12', 'bbox'],
    ['/v1/search/map?bbox=2.3,48.8,2.4&zoom=12', 'bbox'],
    ['/v1/search/map?bbox=2.3,48.8,200,48.9&zoom=12', 'bbox'],
    ['/v1/search/map?bbox=2.3,48.8,2.4,48.9&zoom=23', 'zoom'],
    ['/v1/search/map?bbox=2.3,48.8,2.4,48.9', 'zoom'],
    ['/v1/search/map?bbox=2.3,48.8,2.4,48.9&zoom=12&limit=501', 'limit'],
    ['/v1/search/map?bbox=2.3,48.8,2.4,48.9&zoom=12&category=nope', 'category'],
    ['/v1/search/map?bbox=2.3,48.8,2.4,48.9&zoom=12&open_now=maybe', 'open_now'],
    ['/v1/search/map?bbox=2.3,48.8,2.4,48.9&zoom=12&has_coupon=1', 'has_coupon'],
    ['/v1/search/serving?lat=95&lng=0', 'lat'],
    ['/v1/search/serving?lat=0&lng=0&category=nope', 'category'],
    ['/v1/tiles/23/0/0.mvt', 'z'],
    ['/v1/tiles/2/4/0.mvt', 'x'],
    ['/v1/tiles/2/0/-1.mvt', 'y'],
    ['/v1/tiles/abc/0/0.mvt', 'z'],
  ])('%s → 422 naming %s', async (path, field) => {
    await expectProblem(path, field)
  })

  it('documents the search and tile routes in OpenAPI', async () => {
    const res = await t.call('GET', '/openapi.json')
    expect(res.status).toBe(200)
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining(['/v1/search/nearby', '/v1/search/map', '/v1/search/serving', '/v1/tiles/{z}/{x}/{y}.mvt']),
    )
  })
})
