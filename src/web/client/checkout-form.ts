import { ApiError, api, appConfig, messageOf } from './api'
import { type Session, signOut } from './auth'
import { field, h } from './dom'
import { formatMoney } from './format'
import { shopTimeToIso } from './hours'
import { type CheckoutRequest, createCheckout, type Order } from './orders'
import type { Offering, Storefront } from './storefront'
import { collectCardPayment } from './stripe'

/**
 * The order form for one storefront: quantities, a time (in shop time) for each booked service,
 * cash or card, and the total. Card payments open Stripe's Payment Element below the form.
 */
export function checkoutForm(
  shop: Storefront,
  offerings: Offering[],
  hooks: { signIn: () => Promise<Session | null>; onPlaced: (order: Order, session: Session) => void },
): HTMLElement {
  const checkout = createCheckout()
  const quantities = new Map<string, number>()
  const slots = new Map<string, string>()
  const total = h('p', { class: 'total', 'aria-live': 'polite' })
  const orderButton = h('button', { type: 'submit', class: 'primary', disabled: true }, 'Place order')
  const error = h('p', { class: 'form-error', role: 'alert', hidden: true })
  const method = h('fieldset', { class: 'payment-method' }, h('legend', {}, 'Payment'))
  const payHost = h('div', { class: 'pay-host' })
  const fail = (message: string) => {
    error.textContent = message
    error.hidden = false
  }

  // Any change to the cart makes the next click a new checkout attempt with a new key.
  const changed = () => {
    checkout.reset()
    let cents = 0
    let count = 0
    for (const o of offerings) {
      const q = quantities.get(o.id) ?? 0
      cents += q * o.price_cents
      count += q
    }
    const currency = offerings[0]?.currency ?? 'USD'
    total.textContent = count ? `${count} item${count === 1 ? '' : 's'} · ${formatMoney(cents, currency)}` : 'Choose what you would like to order.'
    orderButton.disabled = count === 0
  }

  const rows = offerings.map((o) => {
    const qty = h('input', { type: 'number', min: 0, max: 99, value: 0, inputmode: 'numeric', 'aria-label': `Quantity of ${o.name}`, class: 'qty' })
    qty.addEventListener('input', () => {
      quantities.set(o.id, Math.max(0, Math.floor(Number(qty.value) || 0)))
      changed()
    })
    const when = h('input', { type: 'datetime-local', 'aria-label': `Time for ${o.name}, in shop time (${shop.timezone})` })
    when.addEventListener('change', () => {
      slots.set(o.id, when.value)
      changed()
    })
    return h(
      'li',
      { class: 'offering', 'data-id': o.id },
      h('div', { class: 'row spread' }, h('strong', {}, o.name), h('span', { class: 'price' }, formatMoney(o.price_cents, o.currency))),
      o.description ? h('p', { class: 'muted' }, o.description) : null,
      h(
        'div',
        { class: 'row offering-controls' },
        o.duration_min ? h('span', { class: 'muted' }, `${o.duration_min} min`) : null,
        o.kind === 'service' ? field('Time (shop time)', when) : null,
        h('label', { class: 'qty-label' }, h('span', { 'aria-hidden': 'true' }, 'Qty'), qty),
      ),
    )
  })

  const form = h(
    'form',
    { class: 'stack order-form', 'aria-label': `Order from ${shop.name}` },
    h('h3', {}, 'Order'),
    offerings.length ? h('ul', { class: 'offerings' }, ...rows) : h('p', { class: 'muted' }, 'This shop has nothing to order online yet.'),
    method,
    total,
    error,
    orderButton,
  )
  void appConfig().then((config) => {
    const radio = (value: string, label: string, checked: boolean) =>
      h('label', { class: 'radio' }, h('input', { type: 'radio', name: 'payment_method', value, checked, onchange: changed }), label)
    method.append(radio('cash', 'Pay at the shop (cash)', true))
    if (config.stripePublishableKey) method.append(radio('stripe', 'Pay now by card', false))
  })

  form.addEventListener('submit', async (e) => {
    e.preventDefault()
    error.hidden = true
    const chosen = offerings.filter((o) => (quantities.get(o.id) ?? 0) > 0)
    const missing = chosen.find((o) => o.kind === 'service' && !slots.get(o.id))
    if (missing) return fail(`Choose a time for ${missing.name}.`)
    const session = await hooks.signIn()
    if (!session) return
    const paymentMethod = (new FormData(form).get('payment_method') as 'cash' | 'stripe' | null) ?? 'cash'
    const request: CheckoutRequest = {
      merchant_id: shop.id,
      payment_method: paymentMethod,
      items: chosen.map((o) => {
        const slot = slots.get(o.id)
        return { offering_id: o.id, quantity: quantities.get(o.id) ?? 0, ...(o.kind === 'service' && slot ? { slot_start: shopTimeToIso(slot, shop.timezone) } : {}) }
      }),
    }
    orderButton.disabled = true
    try {
      const order = await checkout.place(session, request)
      const { stripePublishableKey } = await appConfig()
      if (paymentMethod === 'stripe' && order.payment.client_secret && stripePublishableKey) {
        form.hidden = true
        const heading = `Pay ${formatMoney(order.total_cents, order.currency)} by card`
        if ((await collectCardPayment(stripePublishableKey, order.payment.client_secret, payHost, heading)) === 'cancelled') {
          // Release the unpaid order (and any booked slots) before offering the form again.
          await api(`/v1/orders/${order.id}/cancel`, { method: 'POST', token: session.token }).catch(() => undefined)
          throw new Error('Card payment cancelled. Your order was not placed; choose again or pay in cash.')
        }
      }
      hooks.onPlaced(order, session)
    } catch (err) {
      form.hidden = false
      payHost.replaceChildren()
      if (err instanceof ApiError && err.status === 401) {
        signOut('consumer')
        fail('Your sign-in has expired. Press “Place order” to sign in again; your choices are kept.')
      } else fail(messageOf(err))
      orderButton.disabled = false
    }
  })
  changed()
  return h('div', { class: 'stack' }, form, payHost)
}
