import { afterEach, describe, expect, it } from 'vitest'
import { configurePasswordPepper, hashPassword, needsRehash, PEPPERED_ITERATIONS, verifyPassword } from './password'

const PEPPER = 'a-server-side-pepper-of-32-characters-or-more'

describe('password hashes', () => {
  afterEach(() => configurePasswordPepper(undefined))

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

  it('malformed hashes never verify', async () => {
    for (const bad of ['', 'md5$1$a$b', 'pbkdf2-sha256$x$AA==$AA==', 'pbkdf2-sha256$1000$$']) {
      expect(await verifyPassword('x', bad)).toBe(false)
    }
  })
})
