import type { components } from './api-types.gen'
import { api, messageOf, newIdempotencyKey } from './api'
import type { Session } from './auth'
import { announce, h } from './dom'
import { formatMoney, formatWhen } from './format'

/**
 * An order as the API returns it (generated from the OpenAPI document), plus the shop's name the
 * browser looks up itself (the API does not send it).
 */
export type Order = components['schemas']['Order'] & { merchant_name?: string }

export interface CheckoutRequest {
  merchant_id: string
  items: Array<{ offering_id: string; quantity: number; slot_start?: string }>
  payment_method: 'cash' | 'stripe'
}

const STATUS_TEXT: Record<string, string> = {
  pending_payment: 'Waiting for payment',
  payment_failed: 'Payment failed — try again or pay in cash',
  paid: 'Paid — show your code at the counter',
  confirmed: 'Confirmed — show your code and pay at the counter',
  completed: 'Completed — redeemed at the shop',
  cancelled: 'Cancelled',
  refund_pending: 'Refund under way',
  refunded: 'Refunded',
}

const STATUS_SHORT: Record<string, string> = {
  pending_payment: 'Awaiting payment',
  payment_failed: 'Payment failed',
  paid: 'Paid',
  confirmed: 'Confirmed',
  completed: 'Completed',
  cancelled: 'Cancelled',
  refund_pending: 'Refund pending',
  refunded: 'Refunded',
}

/** A person-readable order status. */
export function statusText(status: string): string {
  return STATUS_TEXT[status] ?? status.replace(/_/g, ' ')
}

/**
 * One checkout attempt: its Idempotency-Key stays the same across retries of the same cart, so a
 * repeated click or a retry after a network error never creates a second order.
 */
export function createCheckout() {
  let key = newIdempotencyKey()
  return {
    /** Call when the cart changes: a different cart is a different attempt. */
    reset() {
      key = newIdempotencyKey()
    },
    async place(session: Session, request: CheckoutRequest): Promise<Order> {
      const order = await api<Order>('/v1/orders', { method: 'POST', body: request, token: session.token, headers: { 'Idempotency-Key': key } })
      key = newIdempotencyKey()
      return order
    },
  }
}

/**
 * The confirmation: the redemption code, large, with the status and total. A card payment is
 * settled by Stripe's webhook, so while it is pending the status (and code) are re-read a few times.
 */
export function orderConfirmation(order: Order, session: Session, onBack: () => void): HTMLElement {
  const status = h('p', { class: 'order-status', 'data-status': order.status }, statusText(order.status))
  const code = h('p', { class: 'redemption-code' })
  const show = (o: Order) => {
    status.textContent = statusText(o.status)
    status.dataset.status = o.status
    code.textContent = o.redemption_code ?? '—'
    code.setAttribute('aria-label', o.redemption_code ? `Redemption code ${o.redemption_code.split('').join(' ')}` : 'No code yet: it appears once the payment is confirmed')
  }
  const refresh = async (quiet = false) => {
    try {
      const fresh = await api<Order>(`/v1/orders/${order.id}`, { token: session.token })
      show(fresh)
      if (!quiet) announce(`Order status: ${statusText(fresh.status)}`)
      return fresh
    } catch (err) {
      if (!quiet) announce(messageOf(err), 'error')
      return undefined
    }
  }
  show(order)
  if (order.status === 'pending_payment') {
    let tries = 0
    const poll = async () => {
      const fresh = await refresh(true)
      if (fresh?.status === 'pending_payment' && ++tries < 10 && code.isConnected) window.setTimeout(poll, 2000)
    }
    window.setTimeout(poll, 1500)
  }
  return h(
    'section',
    { class: 'confirmation', 'aria-labelledby': 'confirmation-title' },
    h('h3', { id: 'confirmation-title', tabindex: -1 }, 'Order placed'),
    h('p', {}, 'Show this code at the counter:'),
    code,
    status,
    h('p', {}, `Total ${formatMoney(order.total_cents, order.currency)}`),
    h('div', { class: 'row' }, h('button', { type: 'button', onclick: () => refresh() }, 'Refresh status'), h('button', { type: 'button', onclick: onBack }, 'Back to shop')),
  )
}

/** One order as a list row (shared by "My orders" and the merchant console). */
export function orderRow(o: Order): HTMLElement {
  const items = o.items?.map((i) => `${i.quantity} × ${i.name ?? 'item'}`).join(', ')
  return h(
    'li',
    { class: 'order', 'data-id': o.id, 'data-status': o.status },
    h('div', { class: 'row spread' }, h('strong', {}, o.merchant_name ?? formatWhen(o.created_at)), h('span', { class: `badge status-${o.status}` }, STATUS_SHORT[o.status] ?? statusText(o.status))),
    h('div', { class: 'muted' }, [o.merchant_name ? formatWhen(o.created_at) : '', items].filter(Boolean).join(' · ')),
    h('div', { class: 'row spread' }, h('span', { class: 'code' }, o.redemption_code ? `Code ${o.redemption_code}` : ''), h('span', {}, formatMoney(o.total_cents, o.currency))),
  )
}
