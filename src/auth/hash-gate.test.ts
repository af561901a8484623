import { describe, expect, it } from 'vitest'
import { RateLimitedError } from '../errors'
import { HashGate } from './hash-gate'
import { hashPassword, verifyPassword } from './password'

const tick = () => new Promise((resolve) => setTimeout(resolve, 5))

describe('the password hashing gate', () => {
  it('runs at most maxConcurrent at once, queues up to maxQueued, refuses the rest at once with 429', async () => {
    const gate = new HashGate(2, 3)
    let running = 0
    let peak = 0
    const releases: Array<() => void> = []
    const work = () =>
      new Promise<string>((resolve) => {
        running++
        peak = Math.max(peak, running)
        releases.push(() => {
          running--
          resolve('done')
        })
      })
    const admitted = Array.from({ length: 5 }, () => gate.run(work))
    await tick()
    expect(gate.load).toEqual({ running: 2, waiting: 3 })
    await expect(gate.run(work)).rejects.toBeInstanceOf(RateLimitedError)
    await expect(gate.run(work)).rejects.toMatchObject({ code: 'server_busy', retryAfterSeconds: 2 })
    while (releases.length || gate.load.running) {
      releases.shift()?.()
      await tick()
    }
    expect(await Promise.all(admitted)).toEqual(Array(5).fill('done'))
    expect(peak).toBe(2)
    expect(gate.load).toEqual({ running: 0, waiting: 0 })
  })

  it('frees its slot when the work fails', async () => {
    const gate = new HashGate(1, 0)
    await expect(gate.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom')
    expect(await gate.run(async () => 'ok')).toBe('ok')
  })

  it('keeps the hash format: pbkdf2-sha256$600000$salt$hash, verified as before', async () => {
    const stored = await hashPassword('a long passphrase')
    expect(stored).toMatch(/^pbkdf2-sha256\$600000\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$/)
    expect(await verifyPassword('a long passphrase', stored)).toBe(true)
    expect(await verifyPassword('another passphrase', stored)).toBe(false)
  })
})
