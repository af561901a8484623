import { sign } from 'hono/jwt'
import { describe, expect, it } from 'vitest'
import { issueToken, readToken } from './token'

const SECRET = 'token-test-secret-token-test-secret-0123'
const ID = '6f1c2a52-8a0e-4d8e-9a7e-2b1f4c9d0e11'
const now = () => Math.floor(Date.now() / 1000)
const rejected = (token: string) => expect(readToken(token, SECRET)).rejects.toMatchObject({ code: 'invalid_token' })

describe('access tokens', () => {
  it('reads what issueToken signed, and any HS256 token hono/jwt signs with the same claims', async () => {
    expect(await readToken(await issueToken({ id: ID, role: 'merchant' }, SECRET, 60, new Date(), 3), SECRET)).toEqual({ id: ID, role: 'merchant', tokenVersion: 3 })
    expect(await readToken(await sign({ sub: ID, role: 'consumer', exp: now() + 60 }, SECRET, 'HS256'), SECRET)).toEqual({ id: ID, role: 'consumer', tokenVersion: 0 })
  })

  it('refuses another key, an edited payload or signature, another algorithm, and tokens expired, not yet valid or issued in the future', async () => {
    const good = await issueToken({ id: ID, role: 'consumer' }, SECRET, 60)
    const [head, body, mac] = good.split('.') as [string, string, string]
    await rejected(await issueToken({ id: ID, role: 'consumer' }, `${SECRET}-other`, 60))
    const merchantBody = btoa(JSON.stringify({ ...JSON.parse(atob(body.replace(/-/g, '+').replace(/_/g, '/'))), role: 'merchant' })).replace(/=+$/, '')
    await rejected(`${head}.${merchantBody}.${mac}`)
    await rejected(`${head}.${body}.${mac.slice(0, -2)}${mac.endsWith('AA') ? 'AB' : 'AA'}`)
    await rejected(`${head}.${body}.${mac}!`)
    await rejected(`${head}.${body}`)
    await rejected(`${btoa(JSON.stringify({ alg: 'none', typ: 'JWT' })).replace(/=+$/, '')}.${body}.`)
    await rejected(await sign({ sub: ID, role: 'consumer', exp: now() + 60 }, SECRET, 'HS512'))
    await rejected(await issueToken({ id: ID, role: 'consumer' }, SECRET, 60, new Date(Date.now() - 3600_000)))
    await rejected(await sign({ sub: ID, role: 'consumer', exp: now() + 60, nbf: now() + 30 }, SECRET, 'HS256'))
    await rejected(await sign({ sub: ID, role: 'consumer', exp: now() + 600, iat: now() + 300 }, SECRET, 'HS256'))
    await rejected(await sign({ sub: 'not-a-uuid', role: 'consumer', exp: now() + 60 }, SECRET, 'HS256'))
    await rejected('')
  })
})
