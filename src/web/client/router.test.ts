import { describe, expect, it } from 'vitest'
import { parseRoute, routeUrl } from './router'

describe('the split invite deep link', () => {
  it('reads /split/<token> as the invite view and writes it back', () => {
    const token = 'Ab_-9'.repeat(8) + 'abc'
    const route = parseRoute(new URL(`https://o2o.test/split/${token}`))
    expect(route).toMatchObject({ view: 'split', id: token })
    expect(routeUrl(route)).toBe(`/split/${token}`)
    expect(parseRoute(new URL('https://o2o.test/split/')).view).toBe('search')
    expect(parseRoute(new URL('https://o2o.test/split/bad%20token')).view).toBe('search')
  })
})
