import { ApiError, api, appConfig, messageOf } from './api'
import { type Session, signOut } from './auth'
import { h } from './dom'
import { formatMoney } from './format'
import { langOf, t } from './i18n'
import { type CheckoutRequest, createCheckout, type Order } from './orders'
import type { Offering, Storefront } from './storefront'
import { slotPicker } from './slot-picker'
import { splitBill } from './split-bill'
import { collectCardPayment } from './stripe'
import { couponPicker } from './coupon-picker'
import { dealNote } from './deals'

/**
 * The order form for one storefront: quantities, a free slot (in shop time) for each booked service,
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
  const orderButton = h('button', { type: 'submit', class: 'primary', disabled: true }, t('checkout.place'))
  const error = h('p', { class: 'form-error', role: 'alert', hidden: true })
  const method = h('fieldset', { class: 'payment-method' }, h('legend', {}, t('checkout.payment')))
  const payHost = h('div', { class: 'pay-host' })
  const coupons = couponPicker(shop.id, offerings[0]?.currency ?? 'USD', () => changed())
  const split = splitBill(() => changed())
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
    const currency = shop.currency
    total.textContent = count ? t('checkout.total', { count, total: formatMoney(cents, currency) }) : t('checkout.choose')
    coupons.update(offerings.map((o) => ({ offering_id: o.id, unit_price_cents: o.price_cents, quantity: quantities.get(o.id) ?? 0 })))
    // Shares are of what is actually charged: the total after the chosen coupon's discount.
    split.update(cents - coupons.discountCents(), currency)
    // A split order is paid share by share (card or counter), not by one payment method.
    method.hidden = split.active()
    orderButton.disabled = count === 0
  }

  const rows = offerings.map((o) => {
    const qty = h('input', { type: 'number', min: 0, max: 99, value: 0, inputmode: 'numeric', 'aria-label': t('checkout.qtyOf', { name: o.name }), class: 'qty' })
    qty.addEventListener('input', () => {
      quantities.set(o.id, Math.max(0, Math.floor(Number(qty.value) || 0)))
      changed()
    })
    const when =
      o.kind === 'service'
        ? slotPicker(shop, o, (start) => {
            if (start) slots.set(o.id, start)
            else slots.delete(o.id)
            changed()
          })
        : null
    return h(
      'li',
      { class: 'offering', 'data-id': o.id },
      h('div', { class: 'row spread' }, h('strong', { lang: langOf(o.name) }, o.name), h('span', { class: 'price' }, formatMoney(o.price_cents, o.currency))),
      o.description ? h('p', { class: 'muted', lang: langOf(o.description) }, o.description) : null,
      dealNote(o),
      h(
        'div',
        { class: 'row offering-controls' },
        o.duration_min ? h('span', { class: 'muted' }, t('checkout.minutes', { n: o.duration_min })) : null,
        h('label', { class: 'qty-label' }, h('span', { 'aria-hidden': 'true' }, t('checkout.qty')), qty),
      ),
      when,
    )
  })

  const form = h(
    'form',
    { class: 'stack order-form', 'aria-label': t('checkout.label', { name: shop.name }) },
    h('h3', {}, t('checkout.title')),
    offerings.length ? h('ul', { class: 'offerings' }, ...rows) : h('p', { class: 'muted' }, t('checkout.nothing')),
    method,
    split.element,
    total,
    coupons.element,
    error,
    orderButton,
  )
  void appConfig().then((config) => {
    const radio = (value: string, label: string, checked: boolean) =>
      h('label', { class: 'radio' }, h('input', { type: 'radio', name: 'payment_method', value, checked, onchange: changed }), label)
    method.append(radio('cash', t('checkout.cash'), true))
    if (config.stripePublishableKey) method.append(radio('stripe', t('checkout.card'), false))
    if (config.stripePublishableKey) split.enable()
  })

  form.addEventListener('submit', async (e) => {
    e.preventDefault()
    error.hidden = true
    const chosen = offerings.filter((o) => (quantities.get(o.id) ?? 0) > 0)
    const missing = chosen.find((o) => o.kind === 'service' && !slots.get(o.id))
    if (missing) return fail(t('checkout.chooseTime', { name: missing.name }))
    const splitChoice = split.choice()
    if (splitChoice && 'problem' in splitChoice) return fail(splitChoice.problem)
    const session = await hooks.signIn()
    if (!session) return
    const paymentMethod = splitChoice ? 'stripe' : ((new FormData(form).get('payment_method') as 'cash' | 'stripe' | null) ?? 'cash')
    const couponId = coupons.couponId()
    const request: CheckoutRequest = {
      merchant_id: shop.id,
      ...(couponId ? { coupon_id: couponId } : {}),
      payment_method: paymentMethod,
      items: chosen.map((o) => {
        const slot = slots.get(o.id)
        return { offering_id: o.id, quantity: quantities.get(o.id) ?? 0, ...(o.kind === 'service' && slot ? { slot_start: slot } : {}) }
      }),
      ...(splitChoice ? { split: splitChoice } : {}),
    }
    orderButton.disabled = true
    try {
      const order = await checkout.place(session, request)
      const { stripePublishableKey } = await appConfig()
      if (paymentMethod === 'stripe' && order.payment.client_secret && stripePublishableKey) {
        form.hidden = true
        const heading = t('checkout.payHeading', { total: formatMoney(order.total_cents, order.currency) })
        if ((await collectCardPayment(stripePublishableKey, order.payment.client_secret, payHost, heading)) === 'cancelled') {
          // Release the unpaid order (and any booked slots) before offering the form again.
          await api(`/v1/orders/${order.id}/cancel`, { method: 'POST', token: session.token }).catch(() => undefined)
          throw new Error(t('checkout.cardCancelled'))
        }
      }
      hooks.onPlaced(order, session)
    } catch (err) {
      form.hidden = false
      payHost.replaceChildren()
      if (err instanceof ApiError && err.status === 401) {
        signOut('consumer')
        fail(t('checkout.expired'))
      } else fail(messageOf(err))
      orderButton.disabled = false
    }
  })
  changed()
  return h('div', { class: 'stack' }, form, payHost)
}
