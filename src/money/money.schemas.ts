import { z } from '@hono/zod-openapi'
import { singleLine } from '../http/text'
import { CURRENCY_CODES, isSupportedCurrency, MAX_AMOUNT_MINOR_UNITS } from './currencies'

/** What every `*_cents` field means; the name is kept for compatibility, the unit follows the currency. */
export const MINOR_UNITS_NOTE =
  "Integer in the currency's minor unit per ISO 4217 (the `_cents` name is historical): cents for USD, fen for CNY, " +
  'yen for JPY (0 decimals), fils for KWD (3 decimals). In BHD, JOD, KWD, OMR and TND amounts are multiples of 10.'

/**
 * An amount in minor units as responses carry it, described for integrators.
 * @example price_cents: minorUnits('What it costs')
 */
export function minorUnits(what: string) {
  return z.number().int().openapi({ description: `${what}. ${MINOR_UNITS_NOTE}` })
}

/** An amount in minor units as requests send it: a whole number from `min` to MAX_AMOUNT_MINOR_UNITS. */
export function minorUnitsInput(what: string, min = 0) {
  return z
    .number()
    .int("must be a whole number of the currency's minor unit (e.g. cents, yen, fils)")
    .min(min, min === 0 ? 'must not be negative' : `must be at least ${min}`)
    .max(MAX_AMOUNT_MINOR_UNITS, `must be at most ${MAX_AMOUNT_MINOR_UNITS} minor units`)
    .openapi({ description: `${what}. ${MINOR_UNITS_NOTE}`, example: 2500 })
}

/** A currency a storefront may sell in, as requests send it. */
export function currencyInput(what = 'ISO 4217 code') {
  return singleLine()
    .regex(/^[A-Z]{3}$/, { error: 'must be an ISO 4217 code of 3 uppercase letters, e.g. CNY', abort: true })
    .refine(isSupportedCurrency, `is not a currency we support (${CURRENCY_CODES.join(', ')})`)
    .openapi({ type: 'string', enum: CURRENCY_CODES, description: what, example: 'CNY' })
}

/** A currency as responses carry it. */
export function currencyOutput(what: string) {
  return z.string().openapi({ description: `${what} (ISO 4217, upper case)`, example: 'CNY', pattern: '^[A-Z]{3}$' })
}
