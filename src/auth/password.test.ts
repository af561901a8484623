import { afterEach, describe, expect, it } from 'vitest'
import { configureNativePbkdf2Limit, configurePasswordPepper, hashPassword, needsRehash, PEPPERED_ITERATIONS, verifyPassword } from './password'

const PEPPER = 'a-server-side-pepper-of-32-characters-or-more'

describe('password hashes', () => {
  afterEach(() => {
    configurePasswordPepper(undefined)
    configureNativePbkdf2Limit(Number.POSITIVE_INFINITY)
  })

  it('with a pepper: peppered PBKDF2 at the Workers maximum, self-describing, verifying only with the pepper', async () => {
    configurePasswordPepper(PEPPER)
    const stored = await hashPassword('a long passphrase')
    expect(stored.split('$').slice(0, 2)).toEqual(['pbkdf2-sha256-hmac', String(PEPPERED_ITERATIONS)])
    expect(await verifyPassword('a long passphrase', stored)).toBe(true)
    expect(await verifyPassword('another passphrase', stored)).toBe(false)
    expect(needsRehash(stored)).toBe(false)
    configurePasswordPepper('a-different-pepper-of-32-characters-or-more')
    expect(await verifyPassword('a long passphrase', stored)).toBe(false)
    configurePasswordPepper(undefined)
    expect(await verifyPassword('a long passphrase', stored)).toBe(false)
  })

  it('an unpeppered hash still verifies once a pepper is set, and asks to be upgraded', async () => {
    const legacy = await hashPassword('a long passphrase', 1000)
    expect(legacy.startsWith('pbkdf2-sha256$1000$')).toBe(true)
    configurePasswordPepper(PEPPER)
    expect(await verifyPassword('a long passphrase', legacy)).toBe(true)
    expect(needsRehash(legacy)).toBe(true)
  })

  it('a hash over the runtime\'s native PBKDF2 limit (Workers: 100,000) is verified in JavaScript, with the same answer', async () => {
    const legacy = await hashPassword('a long passphrase', 3000)
    const [, , salt] = legacy.split('$')
    configureNativePbkdf2Limit(2000)
    expect(await verifyPassword('a long passphrase', legacy)).toBe(true)
    expect(await verifyPassword('a long passphrase!', legacy)).toBe(false)
    // Made over the limit (in JavaScript), it verifies natively once the limit is lifted.
    const made = await hashPassword('another passphrase', 2500)
    configureNativePbkdf2Limit(Number.POSITIVE_INFINITY)
    expect(await verifyPassword('another passphrase', made)).toBe(true)
    expect(salt).not.toBe(made.split('$')[2])
  })

  it('malformed hashes never verify', async () => {
    for (const bad of ['', 'md5$1$a$b', 'pbkdf2-sha256$x$AA==$AA==', 'pbkdf2-sha256$1000$$']) {
      expect(await verifyPassword('x', bad)).toBe(false)
    }
  })
})
