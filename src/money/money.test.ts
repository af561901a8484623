import { describe, expect, it } from 'vitest'
import { amountProblem, basisPoints, CURRENCY_CODES, chargeStep, currencyExponent, formatMoney, money, parseAmount, platformFee, sum, times } from '.'

/** Where CLDR's display digits (what Intl uses) differ from ISO 4217's minor unit. */
const CLDR_DIFFERS = ['IDR']

describe('ISO 4217 minor units', () => {
  it('knows the exponent of each supported currency: JPY 0, most 2, the dinars 3', () => {
    expect(currencyExponent('JPY')).toBe(0)
    expect(currencyExponent('KRW')).toBe(0)
    expect(currencyExponent('CNY')).toBe(2)
    expect(currencyExponent('USD')).toBe(2)
    for (const code of ['KWD', 'BHD', 'JOD', 'OMR', 'TND']) expect(currencyExponent(code), code).toBe(3)
  })

  it('agrees with Intl for every supported currency but the few where CLDR differs from ISO', () => {
    for (const code of CURRENCY_CODES) {
      const intl = new Intl.NumberFormat('en', { style: 'currency', currency: code }).resolvedOptions().maximumFractionDigits
      if (CLDR_DIFFERS.includes(code)) expect(intl, code).not.toBe(currencyExponent(code))
      else expect(intl, code).toBe(currencyExponent(code))
    }
  })

  it('charges three-decimal currencies in steps of 10 (Stripe), everything else in 1', () => {
    expect(chargeStep('KWD')).toBe(10)
    expect(chargeStep('JPY')).toBe(1)
    expect(chargeStep('CNY')).toBe(1)
  })
})

describe('Money arithmetic', () => {
  it('holds only whole minor units and never mixes currencies', () => {
    expect(() => money(12.5, 'USD')).toThrow(RangeError)
    expect(sum('JPY', [times(money(500, 'JPY'), 2), money(250, 'JPY')])).toEqual({ amountMinor: 1250, currency: 'JPY' })
    expect(() => sum('JPY', [money(500, 'USD')])).toThrow(/JPY with USD/)
  })

  it('rounds the platform fee half up to the charge step', () => {
    expect(platformFee(money(1010, 'CNY'), 500)).toEqual(money(51, 'CNY')) // 50.5 → 51
    expect(platformFee(money(1250, 'JPY'), 500)).toEqual(money(63, 'JPY')) // ¥62.5 → ¥63
    expect(platformFee(money(1250, 'KWD'), 500)).toEqual(money(60, 'KWD')) // 62.5 fils → 60
    expect(platformFee(money(1300, 'KWD'), 500)).toEqual(money(70, 'KWD')) // 65 fils → 70 (half up)
    expect(platformFee(money(10, 'KWD'), 10_000)).toEqual(money(10, 'KWD'))
    expect(basisPoints(money(99_999_999, 'USD'), 9000).amountMinor).toBe(89_999_999)
  })

  it('says why an amount cannot be charged in a currency', () => {
    expect(amountProblem(1234, 'JPY')).toBeNull()
    expect(amountProblem(1230, 'KWD')).toBeNull()
    expect(amountProblem(1234, 'KWD')).toMatch(/^must be a multiple of 10 in KWD/)
    expect(amountProblem(-1, 'USD')).toBe('must not be negative')
    expect(amountProblem(1.5, 'USD')).toBe('must be a whole number of minor units')
    expect(amountProblem(100_000_000, 'USD')).toBe('must be at most 99999999 minor units')
  })
})

describe('formatting by the currency’s exponent', () => {
  const plain = (s: string) => s.replace(/\u00a0/g, ' ')
  it('shows 1234 JPY as ¥1,234 and 1234 KWD as KWD 1.234', () => {
    expect(formatMoney(money(1234, 'JPY'), 'en')).toBe('¥1,234')
    expect(plain(formatMoney(money(1234, 'KWD'), 'en'))).toBe('KWD 1.234')
    expect(formatMoney(money(2550, 'USD'), 'en')).toBe('$25.50')
    expect(formatMoney(money(2550, 'CNY'), 'zh-CN')).toBe('¥25.50')
  })

  it('uses ISO decimals where Intl would not (IDR has 2 in ISO 4217, 0 in CLDR)', () => {
    expect(plain(formatMoney(money(150_000, 'IDR'), 'en'))).toBe('IDR 1,500.00')
  })

  it('reads typed prices into minor units, refusing more decimals than the currency has', () => {
    expect(parseAmount('18.5', 'CNY')).toBe(1850)
    expect(parseAmount('1234', 'JPY')).toBe(1234)
    expect(parseAmount('1.5', 'JPY')).toBeUndefined()
    expect(parseAmount('1.234', 'KWD')).toBe(1234)
    expect(parseAmount('1.2345', 'KWD')).toBeUndefined()
  })
})
