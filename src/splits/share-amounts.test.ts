import { describe, expect, it } from 'vitest'
import { money, platformFee } from '../money'
import { checkCustomShares, equalShares, feeParts } from './share-amounts'

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0)
// 1 minor unit, primes, a JPY bill (zero-decimal: minor unit = 1 yen), round and large totals.
const AWKWARD_TOTALS = [1, 2, 3, 7, 19, 97, 101, 997, 1009, 4999, 7919, 10_000, 104_729, 1_234_567, 99_999_989]

describe('equal shares', () => {
  it('add up exactly, differ by at most one unit, and give the organiser the remainder, for every N 2–20', () => {
    for (let n = 2; n <= 20; n++) {
      for (const total of AWKWARD_TOTALS) {
        const shares = equalShares(total, n)
        expect(shares, `${total} / ${n}`).toHaveLength(n)
        expect(sum(shares), `${total} / ${n}`).toBe(total)
        expect(Math.max(...shares) - Math.min(...shares), `${total} / ${n}`).toBeLessThanOrEqual(1)
        expect(shares[0], `${total} / ${n}`).toBe(Math.max(...shares))
        expect(shares.every((s) => Number.isInteger(s) && s >= 0)).toBe(true)
      }
    }
  })

  it('split small and uneven totals as people expect', () => {
    expect(equalShares(1000, 3)).toEqual([334, 333, 333])
    expect(equalShares(1, 4)).toEqual([1, 0, 0, 0])
    expect(equalShares(2999, 2)).toEqual([1500, 1499]) // ¥2,999 (JPY) between two
    expect(equalShares(1200, 4)).toEqual([300, 300, 300, 300])
  })
})

describe('custom shares', () => {
  it('must add up to the total', () => {
    expect(checkCustomShares(1000, [500, 300, 200])).toBeNull()
    expect(checkCustomShares(1000, [500, 300, 199])).toBe('must add up to the order total of 1000 (they add up to 999)')
  })
})

describe('platform fee across shares', () => {
  it('adds up to the order fee for every N and awkward total, never exceeding a share', () => {
    for (let n = 2; n <= 20; n++) {
      for (const total of AWKWARD_TOTALS) {
        const shares = equalShares(total, n)
        const fee = platformFee(money(total, 'CNY'), 500).amountMinor
        const parts = feeParts(fee, shares)
        expect(sum(parts), `${total} / ${n}`).toBe(fee)
        parts.forEach((p, i) => {
          expect(p).toBeGreaterThanOrEqual(0)
          expect(p, `${total} / ${n} share ${i}`).toBeLessThanOrEqual(shares[i] as number)
        })
      }
    }
  })

  it('is proportional, rounding units going to the largest fractional parts', () => {
    expect(feeParts(51, [334, 333, 333])).toEqual([17, 17, 17])
    expect(feeParts(50, [334, 333, 333])).toEqual([17, 17, 16])
    expect(feeParts(1, [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0])[0]).toBe(1)
    expect(feeParts(100, [500, 300, 200])).toEqual([50, 30, 20])
  })
  it('splits three-decimal currencies in whole steps of 10 (Stripe charges KWD in multiples of 10 fils)', () => {
    expect(equalShares(1000, 3, 10)).toEqual([340, 330, 330])
    for (let n = 2; n <= 20; n++) {
      for (const total of [10, 70, 9990, 123_450]) {
        const shares = equalShares(total, n, 10)
        expect(shares.reduce((a, b) => a + b, 0)).toBe(total)
        expect(shares.every((s) => s % 10 === 0)).toBe(true)
        expect(Math.max(...shares) - Math.min(...shares)).toBeLessThanOrEqual(10)
        const fees = feeParts(Math.round(total / 200) * 10 > total ? 0 : Math.floor(total / 200) * 10, shares, 10)
        expect(fees.every((f) => f % 10 === 0)).toBe(true)
      }
    }
    expect(() => equalShares(1005, 3, 10)).toThrow(RangeError)
    expect(checkCustomShares(1000, [505, 495], 10)).toMatch(/multiple of 10 minor units.*share 1 is 505/)
    expect(checkCustomShares(1000, [510, 490], 10)).toBeNull()
    expect(feeParts(50, [340, 330, 330], 10)).toEqual([20, 20, 10])
    expect(feeParts(50, [340, 330, 330], 10).reduce((a, b) => a + b, 0)).toBe(50)
  })
})
