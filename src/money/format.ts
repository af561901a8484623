import { currencyExponent } from './currencies'
import type { Money } from './money'

/**
 * The amount as people read it in `locale`, with exactly the currency's ISO 4217 decimals (Intl's
 * own digits follow CLDR, which differs for a few currencies, so they are set explicitly).
 * Pure: safe in the browser too.
 * @example formatMoney({ amountMinor: 1234, currency: 'JPY' }, 'en') // '¥1,234'
 * @example formatMoney({ amountMinor: 1234, currency: 'KWD' }, 'en') // 'KWD 1.234'
 */
export function formatMoney(value: Money, locale = 'en'): string {
  const digits = currencyExponent(value.currency)
  const major = value.amountMinor / 10 ** digits
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency: value.currency, minimumFractionDigits: digits, maximumFractionDigits: digits }).format(major)
  } catch {
    return `${major.toFixed(digits)} ${value.currency}`
  }
}

/**
 * A decimal typed by a person ("25.5", "0,99") in minor units of `currency`, or undefined when it
 * is not a valid non-negative amount with at most the currency's decimals.
 * @example parseAmount('18.5', 'CNY') // 1850; parseAmount('5.5', 'JPY') // undefined
 */
export function parseAmount(text: string, currency: string): number | undefined {
  const digits = currencyExponent(currency)
  const cleaned = text.trim().replace(',', '.')
  if (!/^\d+(\.\d+)?$/.test(cleaned)) return undefined
  const [whole, frac = ''] = cleaned.split('.') as [string, string?]
  if (frac.length > digits) return undefined
  return Number(whole) * 10 ** digits + Number(frac.padEnd(digits, '0') || '0')
}
