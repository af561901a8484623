const CODES = new Set(Intl.supportedValuesOf('currency'))

/**
 * Whether `code` is an ISO 4217 currency code in use (three uppercase letters).
 * @example isCurrencyCode('CNY') // true; isCurrencyCode('ABC') // false
 */
export function isCurrencyCode(code: string): boolean {
  return /^[A-Z]{3}$/.test(code) && CODES.has(code)
}
