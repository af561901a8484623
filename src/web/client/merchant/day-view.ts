import { api, messageOf, rows } from '../api'
import type { Session } from '../auth'
import { h } from '../dom'
import { formatTime } from '../format'
import { localDateIn } from '../hours'
import { langOf, t } from '../i18n'
import { isLive, onLiveEvent } from '../live-events'
import type { Order } from '../orders'
import type { Storefront } from '../storefront'

const ACTIVE = new Set(['pending_payment', 'paid', 'confirmed', 'completed'])

/**
 * The day view: who is coming when on one day, in the shop's time zone — every booked service
 * of the storefront's live orders, earliest first, with the order's code status.
 */
export function dayViewSection(session: Session, shop: Storefront): HTMLElement {
  const day = h('input', { type: 'date', id: 'day-view-date', value: localDateIn(new Date(), shop.timezone) })
  const list = h('ol', { class: 'day-list', 'aria-live': 'polite', 'aria-labelledby': 'day-view-title' }, h('li', { class: 'muted loading' }, t('dayView.loading')))

  async function load() {
    try {
      const orders = rows(await api<{ data: Order[] }>('/v1/orders?limit=100', { token: session.token })).filter((o) => (!o.merchant_id || o.merchant_id === shop.id) && ACTIVE.has(o.status))
      const visits = orders
        .flatMap((o) => o.items.filter((i) => i.slot_start && localDateIn(new Date(i.slot_start), shop.timezone) === day.value).map((i) => ({ order: o, item: i, at: i.slot_start as string })))
        .sort((a, b) => a.at.localeCompare(b.at))
      list.replaceChildren(
        ...(visits.length
          ? visits.map(({ order, item, at }) =>
              h(
                'li',
                { class: 'visit', 'data-order': order.id },
                h('strong', { class: 'visit-time' }, formatTime(at, shop.timezone)),
                ' ',
                order.customer?.display_name ? h('span', { class: 'visit-who', lang: langOf(order.customer.display_name) }, order.customer.display_name) : null,
                ` ${item.quantity} × ${item.name ?? ''} `,
                h('span', { class: `badge status-${order.status}` }, order.status === 'completed' ? t('dayView.redeemed') : t('dayView.notRedeemed')),
              ),
            )
          : [h('li', { class: 'muted' }, t('dayView.none'))]),
      )
    } catch (err) {
      list.replaceChildren(h('li', { class: 'form-error' }, t('dayView.failed', { message: messageOf(err) })))
    }
  }
  day.addEventListener('change', () => void load())
  void load()
  // New bookings appear without a reload: live from the owner's event stream, polled while it is
  // down; both stop once the section leaves the page.
  const stopLive = onLiveEvent(session, (event) => event.type === 'merchant.order' && event.merchant_id === shop.id && void load())
  const timer = window.setInterval(() => {
    if (!list.isConnected) return (window.clearInterval(timer), stopLive())
    if (!isLive(session)) void load()
  }, 20_000)
  return h(
    'section',
    { class: 'card stack', 'aria-labelledby': 'day-view-title' },
    h('div', { class: 'row spread wrap' }, h('h2', { id: 'day-view-title' }, t('dayView.title')), h('label', { class: 'row wrap' }, t('dayView.day', { timezone: shop.timezone }), day)),
    list,
  )
}
