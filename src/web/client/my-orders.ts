import { api, messageOf, rows } from './api'
import type { Session } from './auth'
import { h } from './dom'
import { type Order, orderRow } from './orders'

/** The "My orders" dialog: past orders, newest first, with their codes and statuses. */
export function createOrdersDialog() {
  const list = h('ul', { class: 'order-list', 'aria-live': 'polite' })
  const dialog = h(
    'dialog',
    { 'aria-labelledby': 'orders-title', class: 'orders-dialog' },
    h('div', { class: 'row spread' }, h('h2', { id: 'orders-title' }, 'My orders'), h('button', { type: 'button', onclick: () => dialog.close(), 'aria-label': 'Close my orders' }, 'Close')),
    list,
  )
  document.body.append(dialog)
  return {
    async open(session: Session) {
      list.replaceChildren(h('li', { class: 'muted' }, 'Loading…'))
      dialog.showModal()
      try {
        const orders = rows(await api<{ data: Order[] } | Order[]>('/v1/orders', { token: session.token }))
        await nameShops(orders)
        list.replaceChildren(
          ...(orders.length === 0 ? [h('li', { class: 'muted' }, 'No orders yet.')] : orders.map((o) => orderRow(o))),
        )
      } catch (err) {
        list.replaceChildren(h('li', { class: 'form-error', role: 'alert' }, messageOf(err)))
      }
    },
  }
}

const shopNames = new Map<string, Promise<string | undefined>>()

/** Fills in each order's storefront name (one lookup per storefront; a failed lookup leaves it out). */
async function nameShops(orders: Order[]): Promise<void> {
  await Promise.all(
    orders.map(async (o) => {
      if (!o.merchant_id || o.merchant_name) return
      if (!shopNames.has(o.merchant_id)) {
        shopNames.set(o.merchant_id, api<{ name: string }>(`/v1/merchants/${o.merchant_id}`).then((m) => m.name, () => undefined))
      }
      o.merchant_name = await shopNames.get(o.merchant_id)
    }),
  )
}
