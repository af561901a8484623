import { api } from './api'
import { type CartLine, previewCoupon } from './coupon-preview'
import { currentSession } from './auth'
import { COUPON_CLAIMED, couponValueText, type WalletCoupon } from './coupons'
import { h } from './dom'
import { formatMoney } from './format'
import { t } from './i18n'

/**
 * Checkout's coupon choice: the person's available coupons for this storefront in a select, and
 * subtotal / discount / total for the cart before anything is charged. Hidden when the wallet has
 * none for this shop; re-reads the wallet after a claim elsewhere on the page.
 */
export function couponPicker(merchantId: string, currency: string, onChange: () => void) {
  let wallet: WalletCoupon[] = []
  let lastLines: CartLine[] = []
  const select = h('select', { class: 'coupon-select', 'aria-describedby': 'coupon-preview' })
  const breakdown = h('div', { class: 'coupon-preview', id: 'coupon-preview', 'aria-live': 'polite' })
  const element = h('fieldset', { class: 'coupon-picker', hidden: true }, h('legend', {}, t('coupon.pickerLegend')), h('label', { class: 'visually-hidden', for: 'coupon-select' }, t('coupon.pickerLegend')), select, breakdown)
  select.id = 'coupon-select'
  select.addEventListener('change', () => {
    render()
    onChange()
  })
  const chosen = () => wallet.find((w) => w.coupon.id === select.value)

  async function load() {
    const session = currentSession('consumer')
    if (!session) return
    try {
      const page = await api<{ data: WalletCoupon[] }>(`/v1/me/coupons?status=available&merchant_id=${encodeURIComponent(merchantId)}&limit=100`, { token: session.token })
      const keep = select.value
      // One entry per campaign: several claims of one campaign are used one order at a time.
      wallet = page.data.filter((w, i, all) => w.coupon.currency === currency && all.findIndex((x) => x.coupon.id === w.coupon.id) === i)
      select.replaceChildren(h('option', { value: '' }, t('coupon.none')), ...wallet.map((w) => h('option', { value: w.coupon.id }, `${w.coupon.title} — ${couponValueText(w.coupon)}`)))
      select.value = wallet.some((w) => w.coupon.id === keep) ? keep : ''
      element.hidden = wallet.length === 0
      render()
    } catch {
      element.hidden = true
    }
  }

  function render() {
    const w = chosen()
    const subtotal = lastLines.reduce((sum, l) => sum + l.unit_price_cents * l.quantity, 0)
    if (!w || subtotal === 0) return breakdown.replaceChildren()
    const p = previewCoupon(w.coupon, lastLines, currency)
    const row = (label: string, value: string, cls: string) => [h('dt', { class: cls }, label), h('dd', { class: cls }, value)]
    if ('rule' in p) {
      const why = p.rule === 'min_spend' ? t('coupon.previewMinSpend', { amount: formatMoney(p.missing_cents ?? 0, currency) }) : t(`error.${p.rule}`)
      breakdown.replaceChildren(h('p', { class: 'coupon-warning' }, why))
      return
    }
    breakdown.replaceChildren(
      h(
        'dl',
        { class: 'coupon-breakdown' },
        ...row(t('coupon.subtotal'), formatMoney(subtotal, currency), 'subtotal'),
        ...row(t('coupon.discount'), `−${formatMoney(p.discount_cents, currency)}`, 'discount'),
        ...row(t('coupon.totalToPay'), formatMoney(subtotal - p.discount_cents, currency), 'grand-total'),
      ),
    )
  }

  let seen = false
  const reload = () => {
    if (element.isConnected) seen = true
    else if (seen) return window.removeEventListener(COUPON_CLAIMED, reload)
    void load()
  }
  window.addEventListener(COUPON_CLAIMED, reload)
  void load()
  return {
    element,
    /** Re-prices the preview for the cart as it is now. */
    update(lines: CartLine[]) {
      lastLines = lines
      render()
    },
    /** The discount the chosen coupon would give the cart as it is now (0 when none applies). */
    discountCents(): number {
      const w = chosen()
      if (!w || lastLines.every((l) => l.quantity === 0)) return 0
      const p = previewCoupon(w.coupon, lastLines, currency)
      return 'rule' in p ? 0 : p.discount_cents
    },
    /** The chosen coupon's id for POST /v1/orders (the server applies or refuses it), if any. */
    couponId(): string | undefined {
      return chosen()?.coupon.id
    },
    /** Re-reads the wallet (after sign-in, or after an order used a coupon). */
    reload,
  }
}
