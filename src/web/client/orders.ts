import type { components } from './api-types.gen'
import { api, messageOf, newIdempotencyKey } from './api'
import type { Session } from './auth'
import { announce, h } from './dom'
import { formatMoney, formatWhen } from './format'
import { onLiveEvent } from './live-events'
import { hasMessage, langOf, type MessageKey, t } from './i18n'

/**
 * An order as the API returns it (generated from the OpenAPI document), plus the shop's name the
 * browser looks up itself (the API does not send it).
 */
export type Order = components['schemas']['Order'] & {
  merchant_name?: string
  /** The storefront's time zone, looked up by the browser: booked times are shown in it. */
  timezone?: string
}

export interface CheckoutRequest {
  merchant_id: string
  items: Array<{ offering_id: string; quantity: number; slot_start?: string }>
  payment_method: 'cash' | 'stripe'
  /** A coupon from the wallet (the server prices and checks it). */
  coupon_id?: string
  split?: import('./split-bill').SplitChoice
}

/** A person-readable order status. */
export function statusText(status: string): string {
  return hasMessage(`status.${status}`) ? t(`status.${status}` as MessageKey) : status.replace(/_/g, ' ')
}

function statusShort(status: string): string {
  return hasMessage(`statusShort.${status}`) ? t(`statusShort.${status}` as MessageKey) : statusText(status)
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

/** The booked times of an order's services, in the shop's time zone ("Booked for 24 Nov 2026, 10:00"). */
export function bookedTimes(o: Order): string[] {
  return o.items.filter((i) => i.slot_start).map((i) => t('order.booked', { when: formatWhen(i.slot_start as string, o.timezone) }))
}

/** Whether the consumer may still cancel `o` (the API's rules: before it is completed). */
export function canCancel(o: Order): boolean {
  return ['pending_payment', 'payment_failed', 'confirmed', 'paid'].includes(o.status)
}

/** Whether a card order can be paid again (a failed or abandoned attempt). */
export function canRetryCard(o: Order): boolean {
  return o.payment.provider === 'stripe' && Boolean(o.payment.client_secret) && ['pending_payment', 'payment_failed'].includes(o.status)
}

/**
 * The confirmation: the redemption code, large, with the status, booked times and total, and
 * Cancel / Pay again where allowed. A card payment is settled by Stripe's webhook, so while it
 * is pending the status (and code) are re-read a few times.
 */
export function orderConfirmation(order: Order, session: Session, onBack: () => void, actions: OrderActions = {}): HTMLElement {
  const status = h('p', { class: 'order-status', 'data-status': order.status }, statusText(order.status))
  const code = h('p', { class: 'redemption-code' })
  const booked = h('ul', { class: 'booked-times' })
  const buttons = h('div', { class: 'row wrap order-actions' })
  const payHost = h('div', { class: 'pay-host' })
  const title = h('h3', { id: 'confirmation-title', tabindex: -1 })
  const codeHint = h('p', {}, t('order.showCode'))
  const section = h('section', { class: 'confirmation', 'aria-labelledby': 'confirmation-title', 'data-order': order.id })
  const show = (o: Order) => {
    // The heading says what happened: a failed or cancelled order is not "placed".
    const heading = o.status === 'payment_failed' ? t('order.titleFailed') : o.status === 'pending_payment' ? t('order.titleAwaiting') : o.status === 'cancelled' ? t('order.titleCancelled') : t('order.placed')
    title.textContent = heading
    section.dataset.status = o.status
    if (title.isConnected) document.title = `${heading} — ${t('app.brand')}`
    codeHint.hidden = code.hidden = !o.redemption_code && ['payment_failed', 'cancelled', 'refunded'].includes(o.status)
    status.textContent = statusText(o.status)
    status.dataset.status = o.status
    code.textContent = o.redemption_code ?? '—'
    code.setAttribute('aria-label', o.redemption_code ? t('order.codeLabel', { code: o.redemption_code.split('').join(' ') }) : t('order.noCodeYet'))
    booked.replaceChildren(...bookedTimes(o).map((line) => h('li', { class: 'booked-time' }, line)))
    const retry = async () => {
      if (await actions.payByCard?.(o, payHost)) await refresh(true)
    }
    buttons.replaceChildren(
      ...[
        h('button', { type: 'button', onclick: () => refresh() }, t('order.refresh')),
        canRetryCard(o) && actions.payByCard ? h('button', { type: 'button', class: 'primary retry-payment', onclick: () => void retry() }, t('order.retry')) : null,
        canCancel(o) ? h('button', { type: 'button', class: 'danger cancel-order', onclick: () => void cancel(o) }, t('order.cancel')) : null,
        h('button', { type: 'button', onclick: onBack }, t('order.backToShop')),
      ].filter((b) => b !== null),
    )
  }
  const cancel = async (o: Order) => {
    if (!window.confirm(t('order.cancelConfirm'))) return
    try {
      show(await cancelOrder(session, o))
      announce(t('order.cancelled'), 'success')
    } catch (err) {
      announce(messageOf(err), 'error')
    }
  }
  const refresh = async (quiet = false) => {
    try {
      const fresh = await api<Order>(`/v1/orders/${order.id}`, { token: session.token })
      show({ ...fresh, timezone: order.timezone })
      if (!quiet) announce(t('order.statusIs', { status: statusText(fresh.status) }))
      return fresh
    } catch (err) {
      if (!quiet) announce(messageOf(err), 'error')
      return undefined
    }
  }
  show(order)
  // Live: the status flips the moment the shop redeems (or the payment settles); the stream stops
  // listening once this confirmation leaves the page.
  const stopLive = onLiveEvent(session, (event) => {
    if (!code.isConnected) return stopLive()
    if (event.type === 'order.status_changed' && event.order_id === order.id) void refresh()
  })
  if (order.status === 'pending_payment') {
    let tries = 0
    const poll = async () => {
      const fresh = await refresh(true)
      if (fresh?.status === 'pending_payment' && ++tries < 10 && code.isConnected) window.setTimeout(poll, 2000)
    }
    window.setTimeout(poll, 1500)
  }
  section.append(
    title,
    ...(order.merchant_name ? [h('p', { lang: langOf(order.merchant_name) }, order.merchant_name)] : []),
    codeHint,
    code,
    status,
    booked,
    ...(order.discount_cents > 0 ? [h('p', { class: 'order-discount' }, t('coupon.orderDiscount', { subtotal: formatMoney(order.subtotal_cents, order.currency), discount: formatMoney(order.discount_cents, order.currency) }))] : []),
    h('p', {}, t('order.total', { total: formatMoney(order.total_cents, order.currency) })),
    ...(order.payment.provider === 'stripe' ? [h('p', { class: 'muted' }, t('checkout.expiry'))] : []),
    buttons,
    payHost,
  )
  return section
}

/** What a confirmation can do beyond reading: pay a card order again (resolves whether it was paid). */
export interface OrderActions {
  payByCard?: (order: Order, host: HTMLElement) => Promise<boolean>
}

/** Cancels `o` through the API; resolves with the updated order. */
export async function cancelOrder(session: Session, o: Order): Promise<Order> {
  const fresh = await api<Order>(`/v1/orders/${o.id}/cancel`, { method: 'POST', token: session.token })
  return { ...fresh, timezone: o.timezone }
}

/** One order as a list row (shared by "My orders" and the merchant console, whose heading is the customer's name). */
export function orderRow(o: Order, heading: string | undefined = o.merchant_name): HTMLElement {
  const items = o.items?.map((i) => `${i.quantity} × ${i.name ?? t('order.item')}`).join(', ')
  return h(
    'li',
    { class: 'order', 'data-id': o.id, 'data-status': o.status },
    h('div', { class: 'row spread' }, h('strong', { lang: langOf(heading) }, heading ?? formatWhen(o.created_at, o.timezone)), h('span', { class: `badge status-${o.status}` }, statusShort(o.status))),
    h('div', { class: 'muted' }, [heading ? formatWhen(o.created_at, o.timezone) : '', items].filter(Boolean).join(' · ')),
    ...bookedTimes(o).map((line) => h('div', { class: 'booked-time' }, line)),
    h('div', { class: 'row spread' }, h('span', { class: 'code' }, o.redemption_code ? t('order.code', { code: o.redemption_code }) : ''), h('span', {}, formatMoney(o.total_cents, o.currency))),
  )
}
