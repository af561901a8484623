import { api, ApiError, messageOf, rows } from '../api'
import type { Session } from '../auth'
import { announce, clearAnnouncement, h } from '../dom'
import { formatMoney } from '../format'
import { t } from '../i18n'
import { isLive, onLiveEvent } from '../live-events'
import { bookedTimes, type Order, orderRow, statusText } from '../orders'
import type { Storefront } from '../storefront'

/**
 * The counter: redeem a code a customer shows, with a clear success or error, and the list of
 * incoming orders (refreshed after each redemption).
 */
export function counterSection(session: Session, shop: Storefront): HTMLElement {
  const result = h('div', { class: 'redeem-result', role: 'alert', hidden: true })
  const code = h('input', { name: 'code', id: 'redeem-code', autocomplete: 'off', autocapitalize: 'characters', spellcheck: 'false', required: true, class: 'code-input' })
  const button = h('button', { type: 'submit', class: 'primary' }, t('counter.redeem'))
  const form = h(
    'form',
    { class: 'stack redeem', 'aria-labelledby': 'redeem-title' },
    h('h2', { id: 'redeem-title' }, t('counter.title')),
    h('div', { class: 'row' }, h('label', { for: 'redeem-code', class: 'visually-hidden' }, t('counter.codeLabel')), code, button),
    result,
  )
  const orders = h('ul', { class: 'order-list', 'aria-labelledby': 'incoming-title', tabindex: 0 }, h('li', { class: 'muted loading' }, t('counter.loading')))
  let known: Set<string> | undefined
  const show = (kind: 'success' | 'error', message: string, ...details: string[]) => {
    result.dataset.kind = kind
    result.replaceChildren(h('strong', {}, message), ...details.map((line) => h('div', { class: 'redeem-detail' }, line)))
    result.hidden = false
  }

  // A split order with shares paid at the counter: the API names the cash due (422 cash_shares_due,
  // "must be <minor units>: the <currency> …"); the counter takes it and confirms with one click.
  const cashDue = (err: unknown) => {
    if (!(err instanceof ApiError) || err.code !== 'cash_shares_due') return undefined
    const m = /^must be (\d+): the ([A-Z]{3}) /.exec(err.fieldErrors.find((f) => f.path === 'cash_collected_cents')?.message ?? '')
    return m ? { cents: Number(m[1]), currency: m[2] as string } : undefined
  }
  let cashCollected: number | undefined

  form.addEventListener('submit', async (e) => {
    e.preventDefault()
    const value = code.value.trim()
    if (!value) return show('error', t('counter.needCode'))
    button.disabled = true
    try {
      const body = cashCollected === undefined ? { code: value } : { code: value, cash_collected_cents: cashCollected }
      cashCollected = undefined
      const order = await api<Order>(`/v1/merchants/${shop.id}/redemptions`, { method: 'POST', body, token: session.token })
      const items = order.items.map((i) => `${i.quantity} × ${i.name ?? t('order.item')}`).join(', ')
      show(
        'success',
        t('counter.redeemed', { code: value, status: statusText(order.status) }),
        ...(order.customer?.display_name ? [t('counter.customer', { name: order.customer.display_name })] : []),
        items,
        ...bookedTimes({ ...order, timezone: shop.timezone }),
        t('order.total', { total: formatMoney(order.total_cents, order.currency) }),
      )
      announce(t('counter.redeemedShort', { code: value }), 'success')
      code.value = ''
      await loadOrders()
    } catch (err) {
      const due = cashDue(err)
      if (due) {
        show('error', t('split.counterCashDue', { amount: formatMoney(due.cents, due.currency) }))
        const confirm = h('button', { type: 'button', class: 'primary confirm-cash' }, t('split.counterCashConfirm', { amount: formatMoney(due.cents, due.currency) }))
        confirm.addEventListener('click', () => {
          cashCollected = due.cents
          form.requestSubmit()
        })
        result.append(' ', confirm)
        return
      }
      const message =
        err instanceof ApiError && err.status === 404
          ? t('counter.noOrder', { code: value })
          : err instanceof ApiError && err.status === 409
            ? t('counter.cannot', { code: value, message: messageOf(err) })
            : messageOf(err)
      clearAnnouncement()
      show('error', `✗ ${message}`)
    } finally {
      button.disabled = false
      code.focus()
    }
  })

  async function loadOrders() {
    try {
      const body = await api<{ data: Order[] } | Order[]>('/v1/orders?limit=50', { token: session.token })
      const list = rows(body).filter((o) => !o.merchant_id || o.merchant_id === shop.id)
      // A new order since the last look is marked and announced (the console is often left open at the counter).
      const fresh = known ? list.filter((o) => !known?.has(o.id)) : []
      known = new Set(list.map((o) => o.id))
      orders.replaceChildren(
        ...(list.length
          ? list.map((o) => {
              const row = orderRow({ ...o, timezone: shop.timezone }, o.customer?.display_name || undefined)
              if (fresh.some((f) => f.id === o.id)) row.classList.add('is-new')
              return row
            })
          : [h('li', { class: 'muted' }, t('orders.none'))]),
      )
      if (fresh.length) announce(t('counter.newOrders'), 'info')
    } catch (err) {
      orders.replaceChildren(h('li', { class: 'form-error' }, t('counter.ordersFailed', { message: messageOf(err) })))
    }
  }
  void loadOrders()
  // Live: the owner's event stream says when one of this shop's orders is placed, paid, cancelled
  // or redeemed. Polling stays as the fallback while the stream is down.
  const stopLive = onLiveEvent(session, (event) => event.type === 'merchant.order' && event.merchant_id === shop.id && void loadOrders())
  const timer = window.setInterval(() => {
    if (!orders.isConnected) return (window.clearInterval(timer), stopLive())
    if (document.visibilityState === 'visible' && !isLive(session)) void loadOrders()
  }, 10_000)

  return h(
    'section',
    { class: 'card stack', 'aria-label': t('counter.section') },
    form,
    h('div', { class: 'row spread' }, h('h2', { id: 'incoming-title' }, t('counter.incoming')), h('button', { type: 'button', onclick: () => loadOrders() }, t('console.refresh'))),
    h('p', { class: 'muted hint' }, t('counter.liveHint')),
    orders,
  )
}
