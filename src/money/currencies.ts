/**
 * The currencies a storefront may sell in, with their ISO 4217 minor-unit exponent (how many
 * decimals the minor unit sits below the major one). The database holds the same list
 * (migration 0017, table `currencies`); a test keeps the two equal.
 *
 * Why a table and not Intl: CLDR's display digits disagree with ISO 4217 for some currencies
 * (IDR, COP and HUF show 0 decimals in Intl, ISO gives 2), and the amount on the wire must follow
 * ISO, which is also what Stripe counts in. Left out on purpose: the currencies Stripe treats
 * specially (ISK and UGX are zero-decimal but must be sent ×100; HUF and TWD charge in two
 * decimals but pay out only whole units), until someone needs them and handles that.
 */
export const CURRENCY_EXPONENTS = {
  AED: 2, AUD: 2, BHD: 3, BRL: 2, CAD: 2, CHF: 2, CNY: 2, CZK: 2, DKK: 2, EUR: 2,
  GBP: 2, HKD: 2, IDR: 2, ILS: 2, INR: 2, JOD: 3, JPY: 0, KRW: 0, KWD: 3, MXN: 2,
  MYR: 2, NOK: 2, NZD: 2, OMR: 3, PHP: 2, PLN: 2, QAR: 2, SAR: 2, SEK: 2, SGD: 2,
  THB: 2, TND: 3, TRY: 2, USD: 2, VND: 0, ZAR: 2,
} as const

export type CurrencyCode = keyof typeof CURRENCY_EXPONENTS

/** Every supported ISO 4217 code, alphabetically. */
export const CURRENCY_CODES = Object.keys(CURRENCY_EXPONENTS) as CurrencyCode[]

/**
 * Whether `code` is a currency we sell in (upper case, as ISO 4217 writes it).
 * @example isSupportedCurrency('JPY') // true; isSupportedCurrency('jpy') // false; isSupportedCurrency('ISK') // false
 */
export function isSupportedCurrency(code: string): code is CurrencyCode {
  return Object.hasOwn(CURRENCY_EXPONENTS, code)
}

/**
 * Decimals of the currency's minor unit per ISO 4217: JPY 0 (the yen itself), CNY 2 (fen),
 * KWD 3 (fils). Unknown codes answer 2, the common case, so display never breaks.
 * @example currencyExponent('KWD') // 3
 */
export function currencyExponent(currency: string): number {
  return isSupportedCurrency(currency) ? CURRENCY_EXPONENTS[currency] : 2
}

/**
 * The smallest amount, in minor units, a card charge in `currency` can move by: 10 for the
 * three-decimal currencies (Stripe takes BHD, JOD, KWD, OMR and TND only in whole tens of fils
 * or baisa), 1 otherwise. Prices, discounts and fees in those currencies are multiples of it.
 * @example chargeStep('KWD') // 10; chargeStep('JPY') // 1
 */
export function chargeStep(currency: string): number {
  return currencyExponent(currency) === 3 ? 10 : 1
}

/**
 * The largest amount, in minor units, a price or an order total may be: 99,999,999 (Stripe's
 * limit for most currencies, ¥999,999.99), so no order is taken that could never be charged.
 */
export const MAX_AMOUNT_MINOR_UNITS = 99_999_999
