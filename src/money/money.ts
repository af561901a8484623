import { chargeStep, currencyExponent, MAX_AMOUNT_MINOR_UNITS } from './currencies'

/** An amount of money: an integer count of the currency's ISO 4217 minor unit (yen for JPY, fils for KWD). */
export interface Money {
  readonly amountMinor: number
  readonly currency: string
}

/**
 * A Money value; RangeError unless `amountMinor` is a safe integer.
 * @example money(1250, 'JPY') // ¥1,250
 */
export function money(amountMinor: number, currency: string): Money {
  if (!Number.isSafeInteger(amountMinor)) throw new RangeError(`${amountMinor} is not a whole number of minor units`)
  return { amountMinor, currency }
}

function sameCurrency(a: Money, b: Money): void {
  if (a.currency !== b.currency) throw new RangeError(`cannot combine ${a.currency} with ${b.currency}`)
}

/** a + b, in their shared currency (RangeError when they differ). */
export function add(a: Money, b: Money): Money {
  sameCurrency(a, b)
  return money(a.amountMinor + b.amountMinor, a.currency)
}

/** a − b, in their shared currency (RangeError when they differ). */
export function subtract(a: Money, b: Money): Money {
  sameCurrency(a, b)
  return money(a.amountMinor - b.amountMinor, a.currency)
}

/** `unit` × a whole `quantity`. */
export function times(unit: Money, quantity: number): Money {
  if (!Number.isInteger(quantity)) throw new RangeError('quantity must be a whole number')
  return money(unit.amountMinor * quantity, unit.currency)
}

/**
 * The sum of `amounts`, all in `currency`; zero for none.
 * @example sum('JPY', [money(500, 'JPY'), money(750, 'JPY')]) // 1250 JPY
 */
export function sum(currency: string, amounts: readonly Money[]): Money {
  return amounts.reduce((total, m) => add(total, m), money(0, currency))
}

/**
 * `bps` basis points of `amount`, rounded half up to the currency's charge step (1 minor unit, 10
 * for three-decimal currencies), in exact integer arithmetic.
 * @example basisPoints(money(1010, 'CNY'), 500) // 51 CNY (50.5 rounds up)
 * @example basisPoints(money(1250, 'KWD'), 500) // 60 KWD (62.5 fils rounds to 60)
 */
export function basisPoints(amount: Money, bps: number): Money {
  const step = BigInt(chargeStep(amount.currency))
  const unit = 10_000n * step
  const rounded = ((BigInt(amount.amountMinor) * BigInt(bps) + unit / 2n) / unit) * step
  return money(Number(rounded), amount.currency)
}

/**
 * The platform's commission on what the customer pays, `feeBps` basis points rounded half up to
 * the charge step, never more than the amount itself.
 * @example platformFee(money(1010, 'CNY'), 500) // 51 CNY
 */
export function platformFee(charged: Money, feeBps: number): Money {
  const fee = basisPoints(charged, feeBps)
  return fee.amountMinor > charged.amountMinor ? charged : fee
}

/**
 * Why `amountMinor` cannot be an amount in `currency`, or null: it must be a whole, non-negative
 * number of minor units, at most MAX_AMOUNT_MINOR_UNITS, and a multiple of the charge step.
 * @example amountProblem(1234, 'KWD') // 'must be a multiple of 10 fils in KWD …'
 */
export function amountProblem(amountMinor: number, currency: string): string | null {
  if (!Number.isInteger(amountMinor)) return 'must be a whole number of minor units'
  if (amountMinor < 0) return 'must not be negative'
  if (amountMinor > MAX_AMOUNT_MINOR_UNITS) return `must be at most ${MAX_AMOUNT_MINOR_UNITS} minor units`
  const step = chargeStep(currency)
  if (amountMinor % step !== 0) {
    return `must be a multiple of ${step} in ${currency}: card payments in this ${currencyExponent(currency)}-decimal currency are taken in whole tens of its minor unit`
  }
  return null
}
