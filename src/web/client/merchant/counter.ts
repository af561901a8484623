import { api, ApiError, messageOf, rows } from '../api'
import type { Session } from '../auth'
import { announce, clearAnnouncement, h } from '../dom'
import { formatMoney } from '../format'
import { bookedTimes, type Order, orderRow, statusText } from '../orders'
import type { Storefront } from '../storefront'
import { t } from '../i18n'

/**
 * The counter: redeem a code a customer shows, with a clear success or error, and the list of
 * incoming orders (refreshed after each redemption).
 */
export function counterSection(session: Session, shop: Storefront): HTMLElement {
  const result = h('div', { class: 'redeem-result', role: 'alert', hidden: true })
  const code = h('input', { name: 'code', id: 'redeem-code', autocomplete: 'off', autocapitalize: 'characters', spellcheck: 'false', required: true, class: 'code-input' })
  const button = h('button', { type: 'submit', class: 'primary' }, 'Redeem')
  const form = h(
    'form',
    { class: 'stack redeem', 'aria-labelledby': 'redeem-title' },
    h('h2', { id: 'redeem-title' }, 'Redeem a code'),
    h('div', { class: 'row' }, h('label', { for: 'redeem-code', class: 'visually-hidden' }, 'Redemption code'), code, button),
    result,
  )
  const orders = h('ul', { class: 'order-list' })
  const show = (kind: 'success' | 'error', message: string) => {
    result.dataset.kind = kind
    result.textContent = message
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
    if (!value) return show('error', 'Type the code the customer shows you.')
    button.disabled = true
    try {
      const body = cashCollected === undefined ? { code: value } : { code: value, cash_collected_cents: cashCollected }
      cashCollected = undefined
      const order = await api<Order>(`/v1/merchants/${shop.id}/redemptions`, { method: 'POST', body, token: session.token })
      const items = order.items.map((i) => `${i.quantity} × ${i.name ?? 'item'}`).join(', ')
      const booked = bookedTimes({ ...order, timezone: shop.timezone }).join('; ')
      show('success', `✓ Code ${value} redeemed — ${statusText(order.status)}. ${items}${booked ? ` · ${booked}` : ''}. Total ${formatMoney(order.total_cents, order.currency)}.`)
      announce(`Code ${value} redeemed.`, 'success')
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
          ? `No order with code ${value} at this storefront. Check the code and try again.`
          : err instanceof ApiError && err.status === 409
            ? `Code ${value} cannot be redeemed: ${err.message}`
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
      orders.replaceChildren(...(list.length ? list.map((o) => orderRow({ ...o, timezone: shop.timezone })) : [h('li', { class: 'muted' }, 'No orders yet.')]))
    } catch (err) {
      orders.replaceChildren(h('li', { class: 'form-error' }, `Orders could not be loaded: ${messageOf(err)}`))
    }
  }
  void loadOrders()
  // Incoming orders poll while the console is open (the event stream can replace this).
  const timer = window.setInterval(() => (orders.isConnected ? void loadOrders() : window.clearInterval(timer)), 20_000)

  return h(
    'section',
    { class: 'card stack', 'aria-label': 'Counter' },
    form,
    h('div', { class: 'row spread' }, h('h2', { id: 'incoming-title' }, 'Incoming orders'), h('button', { type: 'button', onclick: () => loadOrders() }, 'Refresh')),
    orders,
  )
}
