import type { Session } from './auth'
import { couponTicket, liveCoupons } from './coupons'
import { h } from './dom'
import { t } from './i18n'

/**
 * The storefront panel's coupons: every live campaign as a ticket with a one-tap Claim
 * (nothing is shown when the shop runs none).
 */
export function couponStrip(merchantId: string, signIn: (why: string) => Promise<Session | null>): HTMLElement {
  const list = h('div', { class: 'coupon-list' })
  const section = h('section', { class: 'shop-coupons', 'aria-labelledby': 'shop-coupons-title', hidden: true }, h('h3', { id: 'shop-coupons-title' }, t('coupon.shopTitle')), list)
  void liveCoupons(merchantId, true).then((coupons) => {
    list.replaceChildren(...coupons.map((c) => couponTicket(c, { signIn })))
    section.hidden = coupons.length === 0
  })
  return section
}
