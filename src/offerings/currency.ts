const CODES = new Set(Intl.supportedValuesOf('currency'))

/**
 * Whether `code` is an ISO 4217 currency code in use (three uppercase letters).
 * @example isCurrencyCode('CNY') // true; isCurrencyCode('ABC') // false
 */
export function isCurrencyCode(code: string): boolean {
  return /^[A-Z]{3}$/.test(code) && CODES.has(code)
}

/**
 * The largest amount, in minor units, a price or an order total may be: 99,999,999 (Stripe's
 * limit for most currencies, ¥999,999.99), so no order is taken that could never be charged.
 */
export const MAX_AMOUNT_MINOR_UNITS = 99_999_999
