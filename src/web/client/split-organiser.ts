import { api, appConfig, messageOf } from './api'
import type { Session } from './auth'
import { announce, h } from './dom'
import { formatMoney } from './format'
import { langOf, t } from './i18n'
import { onLiveEvent } from './live-events'
import type { Order } from './orders'
import { countdown, inviteLink, type OrderShares, pollWhile, progressList } from './split-parts'
import { collectCardPayment } from './stripe'

/**
 * The organiser's split order while friends pay: one invite link per friend's share (copy + QR),
 * who has paid (display names only), the deadline counting down, and the organiser's own share to
 * pay. Refreshes live (the order's status events) and every few seconds (shares landing); once
 * the order is settled — paid, confirmed, expired or cancelled — it hands over to `settled`.
 */
export function splitOrganiserView(order: Order, session: Session, settled: (fresh: Order) => HTMLElement): HTMLElement {
  const progressHost = h('div', { class: 'split-progress-host' })
  const ownHost = h('div', { class: 'stack split-own' })
  const invites = h('ul', { class: 'split-invites' })
  const timer = h('div')
  const payHost = h('div', { class: 'pay-host' })
  const section = h(
    'section',
    { class: 'split-organiser stack', 'aria-labelledby': 'split-title', 'data-order': order.id },
    h('h3', { id: 'split-title', tabindex: -1 }, t('split.organiserTitle')),
    order.merchant_name ? h('p', { lang: langOf(order.merchant_name) }, order.merchant_name) : null,
    h('p', {}, t('order.total', { total: formatMoney(order.total_cents, order.currency) })),
    timer,
    progressHost,
    ownHost,
    payHost,
    h('h4', {}, t('split.invitesTitle')),
    h('p', { class: 'muted' }, t('split.invitesHint')),
    invites,
  )
  let status = 'awaiting_shares'
  let deadline = ''
  let ownPaid = false
  let shown = ''

  const payOwn = async (shareId: string, how: 'card' | 'counter') => {
    try {
      if (how === 'counter') {
        await api(`/v1/orders/${order.id}/shares/${shareId}/pay-at-counter`, { method: 'POST', token: session.token })
        announce(t('split.counterChosen'), 'success')
      } else {
        const pay = await api<{ client_secret: string | null; amount_cents: number; currency: string }>(`/v1/orders/${order.id}/shares/${shareId}/pay`, { method: 'POST', token: session.token })
        const { stripePublishableKey } = await appConfig()
        if (!pay.client_secret || !stripePublishableKey) throw new Error(t('error.payments_not_configured'))
        const result = await collectCardPayment(stripePublishableKey, pay.client_secret, payHost, t('split.payHeading', { amount: formatMoney(pay.amount_cents, pay.currency) }))
        payHost.replaceChildren()
        if (result === 'paid') {
          ownPaid = true
          announce(t('split.cardAuthorised'), 'success')
        }
      }
    } catch (err) {
      payHost.replaceChildren(h('p', { class: 'form-error', role: 'alert' }, messageOf(err)))
    }
    await load()
  }

  async function load() {
    const view = await api<OrderShares>(`/v1/orders/${order.id}/shares`, { token: session.token })
    status = view.order_status
    if (status !== 'awaiting_shares') {
      const fresh = await api<Order>(`/v1/orders/${order.id}`, { token: session.token })
      section.replaceWith(settled({ ...fresh, merchant_name: order.merchant_name, timezone: order.timezone }))
      return
    }
    // Repainting only on change keeps keyboard focus where it is between polls.
    const key = JSON.stringify([view, ownPaid, !!payHost.firstChild])
    if (key === shown) return
    shown = key
    if (view.deadline_at !== deadline) timer.replaceChildren(countdown((deadline = view.deadline_at)))
    const payers = view.shares.map((s) => ({ position: s.position, display_name: s.payer_name, status: s.status, amount_cents: s.amount_cents }))
    progressHost.replaceChildren(progressList(view.progress, payers, order.currency))
    const own = view.shares[0]
    ownHost.replaceChildren(
      ...(own?.status === 'claimed' && ownPaid ? [h('p', { class: 'split-own-status' }, t('split.cardAuthorised'))] : []),
      ...(own?.status === 'claimed' && !ownPaid && !payHost.firstChild
        ? [
            h('p', {}, t('split.yourShare', { amount: formatMoney(own.amount_cents, order.currency) })),
            h(
              'div',
              { class: 'row wrap' },
              h('button', { type: 'button', class: 'primary', onclick: () => void payOwn(own.id, 'card') }, t('split.payByCard')),
              h('button', { type: 'button', onclick: () => void payOwn(own.id, 'counter') }, t('split.payAtCounter')),
            ),
          ]
        : []),
    )
    // An invite stays on screen until its share is taken; tokens already shown keep their QR code.
    const open = view.shares.filter((s) => s.position > 0 && s.status === 'open')
    for (const li of [...invites.children] as HTMLElement[]) if (!open.some((s) => s.invite_token === li.dataset.token)) li.remove()
    for (const s of open) {
      if (!invites.querySelector(`[data-token="${s.invite_token}"]`)) invites.append(inviteLink(s.invite_token, t('split.inviteFor', { n: s.position, amount: formatMoney(s.amount_cents, order.currency) })))
    }
  }

  void load().catch((err) => announce(messageOf(err), 'error'))
  const stopLive = onLiveEvent(session, (event) => {
    if (!section.isConnected) return stopLive()
    if (event.type === 'order.status_changed' && event.order_id === order.id) void load()
  })
  pollWhile(section, 3000, load, () => status === 'awaiting_shares')
  return section
}
