import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { CLIENT_TYPES_PATH, clientTypesSource } from './client-types'

describe('the browser contract', () => {
  it('api-types.gen.ts matches the OpenAPI document (run npm run gen:api-types after changing a schema)', async () => {
    expect(readFileSync(CLIENT_TYPES_PATH, 'utf8')).toBe(await clientTypesSource())
  })

  it('the web client has no hand-copied Storefront, Offering, Order or User types', () => {
    for (const file of ['api.ts', 'storefront.ts', 'orders.ts']) {
      const source = readFileSync(new URL(`../web/client/${file}`, import.meta.url), 'utf8')
      expect(source, file).not.toMatch(/export interface (Storefront|Offering|Order|User)\b/)
      expect(source, file).toContain("from './api-types.gen'")
    }
  })
})
