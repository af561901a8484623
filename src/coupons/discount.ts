/** The number of decimals of an ISO 4217 currency: JPY 0, CNY 2, KWD 3. */
export function currencyExponent(currency: string): number {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2
}

/**
 * The smallest step a discount moves in, in minor units: 1, except 10 for three-decimal
 * currencies (KWD, BHD, …), whose card charges Stripe only takes in whole 10s of the minor unit.
 */
export function discountStep(currency: string): number {
  return currencyExponent(currency) === 3 ? 10 : 1
}

export interface DiscountRule {
  kind: 'amount_off' | 'percent_off'
  amount_off_cents: number | null
  percent_off: number | null
  max_discount_cents: number | null
  currency: string
}

/**
 * The discount on `baseCents` (minor units of `rule.currency`), in integer arithmetic only.
 * amount_off: the amount. percent_off: base × percent / 100 rounded half up to the currency's
 * step (see discountStep), then capped by max_discount_cents. Never more than the base.
 * @example discountCents({ kind: 'percent_off', percent_off: 15, max_discount_cents: null, amount_off_cents: null, currency: 'CNY' }, 1250) // 188
 */
export function discountCents(rule: DiscountRule, baseCents: number): number {
  let discount: number
  if (rule.kind === 'amount_off') {
    discount = rule.amount_off_cents ?? 0
  } else {
    const step = discountStep(rule.currency)
    const scaled = baseCents * (rule.percent_off ?? 0) // ≤ 99,999,999 × 90: exact in a double
    discount = Math.floor((scaled + step * 50) / (step * 100)) * step
    if (rule.max_discount_cents !== null) discount = Math.min(discount, rule.max_discount_cents)
  }
  return Math.max(0, Math.min(discount, baseCents))
}
