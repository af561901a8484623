import { api, messageOf, rows } from './api'
import type { Session } from './auth'
import { announce, h } from './dom'
import { t } from './i18n'
import { canCancel, cancelOrder, type Order, orderRow } from './orders'
import { openReviewForm } from './reviews/review-form'
import type { Page, Review } from './reviews/types'

/**
 * The "My orders" dialog: past orders, newest first, with their codes and statuses; a redeemed
 * order offers "Write a review", a reviewed one "Edit your review". `onReviewed` runs after a
 * review is saved, with the storefront's id.
 */
export function createOrdersDialog(onReviewed: (merchantId: string) => void = () => undefined, onOpenOrder: (orderId: string) => void = () => undefined) {
  const list = h('ul', { class: 'order-list', 'aria-live': 'polite' })
  const dialog = h(
    'dialog',
    { 'aria-labelledby': 'orders-title', class: 'orders-dialog' },
    h('div', { class: 'row spread' }, h('h2', { id: 'orders-title' }, t('orders.title')), h('button', { type: 'button', onclick: () => dialog.close(), 'aria-label': t('orders.closeLabel') }, t('orders.close'))),
    list,
  )
  document.body.append(dialog)

  async function load(session: Session) {
    try {
      const orders = rows(await api<{ data: Order[] } | Order[]>('/v1/orders', { token: session.token }))
      await nameShops(orders)
      list.replaceChildren(...(orders.length === 0 ? [h('li', { class: 'muted' }, t('orders.none'))] : orders.map((o) => withActions(withReviewAction(orderRow(o), o, session), o, session))))
    } catch (err) {
      list.replaceChildren(h('li', { class: 'form-error', role: 'alert' }, messageOf(err)))
    }
  }

  function withActions(row: HTMLElement, order: Order, session: Session): HTMLElement {
    const open = h('button', { type: 'button', class: 'link open-order', onclick: () => (dialog.close(), onOpenOrder(order.id)) }, t('order.open'))
    const cancel = canCancel(order)
      ? h('button', { type: 'button', class: 'danger cancel-order', onclick: async () => {
          if (!window.confirm(t('order.cancelConfirm'))) return
          try {
            await cancelOrder(session, order)
            announce(t('order.cancelled'), 'success')
            await load(session)
          } catch (err) {
            announce(messageOf(err), 'error')
          }
        } }, t('order.cancel'))
      : null
    row.append(h('div', { class: 'row wrap' }, open, cancel))
    return row
  }

  function withReviewAction(row: HTMLElement, order: Order, session: Session): HTMLElement {
    const shopName = order.merchant_name ?? t('orders.thisShop')
    const items = order.items.map((i) => `${i.quantity} × ${i.name ?? t('order.item')}`).join(', ')
    const after = async (saved: Review | null, message: string) => {
      if (!saved) return
      announce(message, 'success')
      await load(session)
      if (order.merchant_id) onReviewed(order.merchant_id)
    }
    if (order.can_review) {
      row.append(h('div', { class: 'row' }, h('button', { type: 'button', class: 'primary write-review', onclick: async () => after(await openReviewForm(session, { kind: 'new', orderId: order.id, shopName, items }), t('orders.reviewPosted', { shop: shopName })) }, t('orders.writeReview'))))
    } else if (order.review_id) {
      const reviewId = order.review_id
      row.append(
        h('div', { class: 'row' }, h('span', { class: 'badge status-completed' }, t('orders.reviewed')), h('button', { type: 'button', class: 'link', onclick: async () => {
          const review = await findMyReview(session, reviewId)
          if (!review) return announce(t('orders.reviewMissing'), 'error')
          await after(await openReviewForm(session, { kind: 'edit', review, shopName }), t('orders.reviewUpdated'))
        } }, t('orders.editReview'))),
      )
    }
    return row
  }

  return {
    async open(session: Session) {
      list.replaceChildren(h('li', { class: 'muted' }, t('orders.loading')))
      dialog.showModal()
      await load(session)
    },
  }
}

/** The person's own review by id, read from GET /v1/me/reviews (following pages if needed). */
async function findMyReview(session: Session, id: string): Promise<Review | undefined> {
  let cursor: string | null = null
  do {
    const page: Page<Review> = await api<Page<Review>>(`/v1/me/reviews?limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { token: session.token })
    const found = page.data.find((r) => r.id === id)
    if (found) return found
    cursor = page.next_cursor
  } while (cursor)
  return undefined
}

const shopNames = new Map<string, Promise<{ name: string; timezone: string } | undefined>>()

/** Fills in each order's storefront name and time zone (one lookup per storefront; a failed lookup leaves them out). */
export async function nameShops(orders: Order[]): Promise<void> {
  await Promise.all(
    orders.map(async (o) => {
      if (!o.merchant_id || o.timezone) return
      if (!shopNames.has(o.merchant_id)) {
        shopNames.set(o.merchant_id, api<{ name: string; timezone: string }>(`/v1/merchants/${o.merchant_id}`).then((m) => m, () => undefined))
      }
      const shop = await shopNames.get(o.merchant_id)
      o.merchant_name ??= shop?.name
      o.timezone = shop?.timezone
    }),
  )
}
