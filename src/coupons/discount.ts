import { basisPoints, money } from '../money/money'

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
 * charge step (src/money chargeStep: 10 fils in KWD…), then capped by max_discount_cents. Never
 * more than the base.
 * @example discountCents({ kind: 'percent_off', percent_off: 15, max_discount_cents: null, amount_off_cents: null, currency: 'CNY' }, 1250) // 188
 */
export function discountCents(rule: DiscountRule, baseCents: number): number {
  let discount: number
  if (rule.kind === 'amount_off') {
    discount = rule.amount_off_cents ?? 0
  } else {
    discount = basisPoints(money(baseCents, rule.currency), (rule.percent_off ?? 0) * 100).amountMinor
    if (rule.max_discount_cents !== null) discount = Math.min(discount, rule.max_discount_cents)
  }
  return Math.max(0, Math.min(discount, baseCents))
}
