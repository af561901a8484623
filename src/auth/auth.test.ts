import { describe, expect, it } from 'vitest'
import { useTestApp } from '../../test/support/app'
import { PBKDF2_ITERATIONS } from './password'
import { issueToken } from './token'

const t = useTestApp()

function registration(overrides: Record<string, unknown> = {}) {
  return {
    email: `ana-${Math.random().toString(36).slice(2, 8)}@example.test`,
    password: 'a long passphrase',
    name: 'Ana',
    role: 'consumer',
    ...overrides,
  }
}

describe('accounts', () => {
  it('registers, signs in and reads the account back', async () => {
    const body = registration({ role: 'merchant' })
    const reg = await t.call('POST', '/v1/auth/register', { body })
    expect(reg.status).toBe(201)
    expect(reg.body.user).toEqual({ id: expect.any(String), email: body.email, name: 'Ana', role: 'merchant' })
    expect(reg.body.token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/)

    const login = await t.call('POST', '/v1/auth/login', { body: { email: body.email.toUpperCase(), password: body.password } })
    expect(login.status).toBe(200)
    expect(login.body.user.id).toBe(reg.body.user.id)

    const me = await t.call('GET', '/v1/me', { token: login.body.token })
    expect(me.status).toBe(200)
    expect(me.body).toEqual(reg.body.user)
  })

  it('stores a salted PBKDF2 hash with at least 600k iterations, never the password', async () => {
    const body = registration()
    await t.call('POST', '/v1/auth/register', { body })
    const other = registration()
    await t.call('POST', '/v1/auth/register', { body: { ...other, password: body.password } })
    const rows = await t.db.selectFrom('users').select(['email', 'password_hash']).where('email', 'in', [body.email, other.email]).execute()
    expect(rows).toHaveLength(2)
    for (const row of rows) {
      expect(row.password_hash).not.toContain(body.password)
      const [scheme, iterations] = row.password_hash.split('$')
      expect(scheme).toBe('pbkdf2-sha256')
      expect(Number(iterations)).toBeGreaterThanOrEqual(600_000)
    }
    expect(PBKDF2_ITERATIONS).toBeGreaterThanOrEqual(600_000)
    expect(rows[0]?.password_hash).not.toBe(rows[1]?.password_hash)
  })

  it('rejects an email that is taken in another letter case with 409', async () => {
    const body = registration({ email: 'Case.Test@Example.test' })
    expect((await t.call('POST', '/v1/auth/register', { body })).status).toBe(201)
    const dup = await t.call('POST', '/v1/auth/register', { body: { ...body, email: 'case.test@EXAMPLE.TEST' } })
    expect(dup.status).toBe(409)
    expect(dup.headers.get('content-type')).toBe('application/problem+json')
    expect(dup.body).toMatchObject({ status: 409, code: 'email_taken' })
    const count = await t.db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).where('email', 'ilike', 'case.test@example.test').executeTakeFirst()
    expect(Number(count?.n)).toBe(1)
  })

  it('answers unknown email and wrong password with the same 401', async () => {
    const body = registration()
    await t.call('POST', '/v1/auth/register', { body })
    const wrong = await t.call('POST', '/v1/auth/login', { body: { email: body.email, password: 'not the password' } })
    const unknown = await t.call('POST', '/v1/auth/login', { body: { email: 'nobody@example.test', password: 'whatever123' } })
    expect(wrong.status).toBe(401)
    expect(unknown.status).toBe(401)
    // The same answer but for `instance`, which names each request.
    expect({ ...wrong.body, instance: undefined }).toEqual({ ...unknown.body, instance: undefined })
  })

  it('names each invalid field with 422', async () => {
    const res = await t.call('POST', '/v1/auth/register', { body: { email: 'not-an-email', password: 'short', name: '', role: 'admin' } })
    expect(res.status).toBe(422)
    expect(res.body.code).toBe('validation_failed')
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['email', 'name', 'password', 'role'])
    expect(await t.db.selectFrom('users').select('id').where('email', '=', 'not-an-email').execute()).toHaveLength(0)
  })

  it('answers malformed JSON with 400, not 500', async () => {
    const res = await t.call('POST', '/v1/auth/register', { rawBody: '{"email": ' })
    expect(res.status).toBe(400)
    expect(res.body).toMatchObject({ status: 400, title: 'Bad request', type: '/problems/bad_request' })
    expect(res.text).not.toMatch(/at \w+ \(/)
  })

  it('rejects missing, forged and expired tokens on /v1/me', async () => {
    const reg = await t.call('POST', '/v1/auth/register', { body: registration() })
    const user = reg.body.user
    expect((await t.call('GET', '/v1/me')).status).toBe(401)
    const forged = await issueToken({ id: user.id, role: 'consumer' }, 'another-secret-another-secret-another-secret', 3600)
    expect((await t.call('GET', '/v1/me', { token: forged })).status).toBe(401)
    const expired = await issueToken({ id: user.id, role: 'consumer' }, t.deps.jwtSecret, 60, new Date(Date.now() - 3600_000))
    const res = await t.call('GET', '/v1/me', { token: expired })
    expect(res.status).toBe(401)
    expect(res.body.code).toBe('invalid_token')
    expect((await t.call('GET', '/v1/me', { token: reg.body.token })).status).toBe(200)
  })
})

describe('the HTTP envelope', () => {
  it('reports health with the database kind', async () => {
    const res = await t.call('GET', '/health')
    expect(res.status).toBe(200)
    expect(res.body).toEqual({ status: 'ok', db: t.deps.dbKind })
  })

  it('answers unknown routes with 404 and wrong methods with 405 + Allow', async () => {
    const missing = await t.call('GET', '/v1/nothing-here')
    expect(missing.status).toBe(404)
    expect(missing.headers.get('content-type')).toBe('application/problem+json')
    const wrong = await t.call('DELETE', '/v1/auth/login')
    expect(wrong.status).toBe(405)
    expect(wrong.headers.get('allow')).toContain('POST')
    expect(wrong.body.code).toBe('method_not_allowed')
  })

  it('serves an OpenAPI 3.1 document and the docs page', async () => {
    const doc = await t.call('GET', '/openapi.json')
    expect(doc.status).toBe(200)
    expect(doc.body.openapi).toBe('3.1.0')
    expect(Object.keys(doc.body.paths)).toContain('/v1/auth/register')
    const docs = await t.call('GET', '/docs')
    expect(docs.status).toBe(200)
    expect(docs.text).toContain('/docs/assets/swagger-ui-bundle.js')
    expect(docs.text).not.toMatch(/https?:\/\//)
    const init = await t.call('GET', '/docs/assets/init.js')
    expect(init.text).toContain("url: '/openapi.json'")
    const bundle = await t.app.request('/docs/assets/swagger-ui-bundle.js')
    expect(bundle.status).toBe(200)
    expect(bundle.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect((await t.call('GET', '/docs/assets/constructor')).status).toBe(404)
  })
})
