import { describe, expect, it } from 'vitest'
import { useTestApp } from './support/app'
import { ContractChecker } from './support/contract'

const t = useTestApp()

describe('the response-validating test hook', () => {
  it('refuses an undocumented field, a wrong type, an undocumented status and an undocumented media type', async () => {
    const doc = (await t.call('GET', '/openapi.json')).body
    const contract = new ContractChecker(doc)
    const ok = JSON.stringify([{ slug: 'food', name: 'Food', name_en: 'Food', name_zh: '美食' }])
    expect(() => contract.check('GET', '/v1/categories', 200, 'application/json', JSON.stringify({ data: JSON.parse(ok), next_cursor: null }))).not.toThrow()
    expect(() => contract.check('GET', '/v1/categories', 200, 'application/json', JSON.stringify({ data: [{ slug: 'food', name: 'Food', name_en: 'Food', name_zh: '美食', extra: 1 }], next_cursor: null }))).toThrow(/extra/)
    expect(() => contract.check('GET', '/v1/categories', 200, 'application/json', JSON.stringify({ data: [{ slug: 1, name: 'Food' }], next_cursor: null }))).toThrow(/does not match/)
    expect(() => contract.check('GET', '/v1/categories', 418, 'application/problem+json', '{}')).toThrow(/not documented/)
    expect(() => contract.check('GET', '/v1/categories', 200, 'text/xml', '<x/>')).toThrow(/documented: application\/json/)
    expect(() => contract.check('GET', '/v1/nope', 404, 'application/problem+json', '{}')).not.toThrow()
  })

  it('checks problem documents too', async () => {
    const contract = new ContractChecker((await t.call('GET', '/openapi.json')).body)
    expect(() => contract.check('GET', '/v1/me', 401, 'application/problem+json', JSON.stringify({ type: 'x', title: 'x', status: 401, detail: 'x', code: 'x' }))).toThrow(/instance/)
  })
})
