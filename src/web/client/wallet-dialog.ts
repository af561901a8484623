import { api, messageOf } from './api'
import type { Session } from './auth'
import { couponRulesText, couponValueText, type WalletCoupon } from './coupons'
import { h } from './dom'
import { formatWhen } from './format'
import { langOf, t } from './i18n'

const TABS = ['available', 'used', 'expired'] as const
type Tab = (typeof TABS)[number]

/**
 * "My coupons": the wallet (GET /v1/me/coupons) in three lists — available, used, expired —
 * with "Show more" paging through the cursor. `onOpenShop` opens a coupon's storefront to use it.
 */
export function createWalletDialog(onOpenShop: (merchantId: string) => void) {
  const list = h('div', { class: 'wallet-list', 'aria-live': 'polite' })
  const more = h('button', { type: 'button', hidden: true }, t('coupon.more'))
  const tabButtons = TABS.map((tab) => h('button', { type: 'button', class: 'chip', 'aria-pressed': 'false', 'data-tab': tab, onclick: () => void show(tab) }, t(`coupon.tab.${tab}`)))
  const dialog = h(
    'dialog',
    { 'aria-labelledby': 'wallet-title', class: 'wallet-dialog' },
    h('div', { class: 'row spread' }, h('h2', { id: 'wallet-title' }, t('coupon.walletTitle')), h('button', { type: 'button', onclick: () => dialog.close() }, t('coupon.close'))),
    h('div', { class: 'row wrap wallet-tabs', role: 'group', 'aria-label': t('coupon.walletTabs') }, ...tabButtons),
    list,
    more,
  )
  document.body.append(dialog)
  let session: Session | undefined
  let current: Tab = 'available'
  let cursor: string | null = null

  const card = (w: WalletCoupon) =>
    h(
      'article',
      { class: `coupon-ticket wallet-coupon status-${w.status}`, 'data-claim-id': w.claim_id, 'data-coupon-id': w.coupon.id },
      h('p', { class: 'coupon-value' }, couponValueText(w.coupon)),
      h(
        'div',
        { class: 'coupon-body' },
        h('strong', { lang: langOf(w.coupon.title) }, w.coupon.title),
        h('p', { class: 'muted coupon-rules' }, couponRulesText(w.coupon)),
        w.status === 'used' && w.used_at ? h('p', { class: 'muted' }, t('coupon.usedAt', { when: formatWhen(w.used_at) })) : null,
      ),
      w.status === 'available'
        ? h('button', { type: 'button', class: 'primary', onclick: () => (dialog.close(), onOpenShop(w.coupon.merchant_id)), 'aria-label': t('coupon.useLabel', { title: w.coupon.title }) }, t('coupon.use'))
        : h('span', { class: `badge wallet-${w.status}` }, t(`coupon.tab.${w.status}`)),
    )

  async function load(reset: boolean) {
    if (!session) return
    if (reset) cursor = null
    try {
      const page = await api<{ data: WalletCoupon[]; next_cursor: string | null }>(`/v1/me/coupons?status=${current}&limit=20${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { token: session.token })
      const nodes = page.data.map(card)
      if (reset) list.replaceChildren(...(nodes.length ? nodes : [h('p', { class: 'muted' }, t(`coupon.empty.${current}`))]))
      else list.append(...nodes)
      cursor = page.next_cursor
      more.hidden = !cursor
    } catch (err) {
      list.replaceChildren(h('p', { class: 'form-error', role: 'alert' }, messageOf(err)))
    }
  }
  async function show(tab: Tab) {
    current = tab
    for (const b of tabButtons) b.setAttribute('aria-pressed', String(b.dataset.tab === tab))
    list.replaceChildren(h('p', { class: 'muted' }, t('coupon.loading')))
    await load(true)
  }
  more.addEventListener('click', () => void load(false))

  return {
    async open(s: Session) {
      session = s
      dialog.showModal()
      await show('available')
    },
  }
}
