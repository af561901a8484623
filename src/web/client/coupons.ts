import type { components } from './api-types.gen'
import { api, messageOf } from './api'
import { currentSession, type Session } from './auth'
import { announce, h } from './dom'
import { formatMoney } from './format'
import { langOf, locale, t } from './i18n'

/** A coupon campaign as the API returns it (generated from the OpenAPI document). */
export type Coupon = components['schemas']['Coupon']
/** A coupon in the consumer's wallet (GET /v1/me/coupons). */
export type WalletCoupon = components['schemas']['WalletCoupon']

/** What a coupon takes off, in words: "CN¥5.00 off" or "15% off, up to CN¥10.00". */
export function couponValueText(c: Pick<Coupon, 'kind' | 'amount_off_cents' | 'percent_off' | 'max_discount_cents' | 'currency'>): string {
  if (c.kind === 'amount_off') return t('coupon.amountOff', { amount: formatMoney(c.amount_off_cents ?? 0, c.currency) })
  if (c.max_discount_cents !== null) return t('coupon.percentOffCapped', { percent: c.percent_off ?? 0, cap: formatMoney(c.max_discount_cents, c.currency) })
  return t('coupon.percentOff', { percent: c.percent_off ?? 0 })
}

/** The conditions of a coupon in words: minimum spend, valid until, first orders only. */
export function couponRulesText(c: Coupon): string {
  const parts = [
    c.min_spend_cents > 0 ? t('coupon.minSpend', { amount: formatMoney(c.min_spend_cents, c.currency) }) : t('coupon.noMinimum'),
    t('coupon.validUntil', { date: new Date(c.ends_at).toLocaleDateString(locale(), { dateStyle: 'medium' }) }),
  ]
  if (c.new_customers_only) parts.push(t('coupon.newCustomersOnly'))
  if (c.offering_ids.length) parts.push(t('coupon.someItems'))
  return parts.join(' · ')
}

const publicCache = new Map<string, Promise<Coupon[]>>()
/** A storefront's live coupons (public list), fetched once per page view and shared by every card. */
export function liveCoupons(merchantId: string, fresh = false): Promise<Coupon[]> {
  let found = publicCache.get(merchantId)
  if (!found || fresh) {
    found = api<{ data: Coupon[] }>(`/v1/merchants/${encodeURIComponent(merchantId)}/coupons`).then((b) => b.data, () => [])
    publicCache.set(merchantId, found)
  }
  return found
}

/** Fired on window after a claim, so the wallet and the checkout's coupon picker re-read. */
export const COUPON_CLAIMED = 'o2o:coupon-claimed'

/**
 * One coupon as a ticket: value, title, rules, what is left, and a one-tap Claim button that
 * asks the person to sign in first when needed. `claim: false` shows it without the button.
 */
export function couponTicket(c: Coupon, options: { signIn?: (why: string) => Promise<Session | null>; claim?: boolean }): HTMLElement {
  const left = h('span', { class: 'muted coupon-left' }, c.remaining > 0 ? t('coupon.left', { count: c.remaining }) : t('coupon.soldOut'))
  const button = h('button', { type: 'button', class: 'primary claim-coupon', disabled: c.remaining <= 0 || c.status !== 'active', 'aria-label': t('coupon.claimLabel', { title: c.title }) }, t('coupon.claim'))
  button.addEventListener('click', async () => {
    const who = currentSession('consumer') ?? (await options.signIn?.(t('coupon.signInWhy')))
    if (!who) return
    button.disabled = true
    try {
      await api<WalletCoupon>(`/v1/coupons/${encodeURIComponent(c.id)}/claim`, { method: 'POST', token: who.token })
      // The same coupon may be on screen twice (the shop's coupons and a post): both say so.
      for (const same of document.querySelectorAll<HTMLButtonElement>(`.coupon-ticket[data-coupon-id="${CSS.escape(c.id)}"] .claim-coupon`)) {
        same.disabled = true
        same.textContent = t('coupon.claimed')
        same.setAttribute('aria-label', t('coupon.claimedLabel', { title: c.title }))
        same.classList.remove('primary')
      }
      announce(t('coupon.claimedAnnounce', { title: c.title }), 'success')
      window.dispatchEvent(new CustomEvent(COUPON_CLAIMED, { detail: { coupon_id: c.id, merchant_id: c.merchant_id } }))
    } catch (err) {
      announce(messageOf(err), 'error')
      button.disabled = false
    }
  })
  return h(
    'div',
    { class: 'coupon-ticket', 'data-coupon-id': c.id },
    h('p', { class: 'coupon-value' }, couponValueText(c)),
    h('div', { class: 'coupon-body' }, h('strong', { lang: langOf(c.title) }, c.title), h('p', { class: 'muted coupon-rules' }, couponRulesText(c)), left),
    options.claim === false ? null : button,
  )
}
