import { api, appConfig, messageOf, rows } from './api'
import type { Session } from './auth'
import { announce, byId, field, h } from './dom'
import { distanceMeters, formatDistance, formatMoney } from './format'
import { openStatus, type Shift, shopTimeToIso, weekLines } from './hours'
import { type CheckoutRequest, createCheckout, orderConfirmation } from './orders'
import { collectCardPayment } from './stripe'

/** A storefront as GET /v1/merchants/:id returns it. */
export interface Storefront {
  id: string
  name: string
  description: string | null
  category: string
  tags: string[]
  location: { lat: number; lng: number }
  address: string | null
  phone: string | null
  timezone: string
  hours: Shift[]
  status: string
}

/** An offering as GET /v1/merchants/:id/offerings returns it. */
export interface Offering {
  id: string
  name: string
  description: string | null
  kind: 'service' | 'product' | 'voucher'
  price_cents: number
  currency: string
  duration_min: number | null
  capacity: number
  active: boolean
}

/**
 * The storefront panel: hours in the shop's local time, offerings with prices, distance, and
 * checkout. `signIn` asks the person to sign in (resolving null if they decline).
 */
export function createStorefrontPanel(options: { from: () => { lat: number; lng: number }; signIn: () => Promise<Session | null>; onClose: () => void }) {
  const panel = byId('storefront')
  const checkout = createCheckout()

  async function open(id: string) {
    panel.hidden = false
    panel.replaceChildren(h('p', { class: 'muted' }, 'Loading shop…'))
    try {
      const [shop, offerBody] = await Promise.all([
        api<Storefront>(`/v1/merchants/${encodeURIComponent(id)}`),
        api<Offering[] | { data: Offering[] }>(`/v1/merchants/${encodeURIComponent(id)}/offerings`),
      ])
      render(shop, rows(offerBody).filter((o) => o.active !== false))
    } catch (err) {
      panel.replaceChildren(closeButton(), h('p', { class: 'form-error', role: 'alert' }, `This shop could not be loaded: ${messageOf(err)}`))
    }
    panel.querySelector<HTMLElement>('h2')?.focus()
  }

  function closeButton() {
    return h('button', { type: 'button', class: 'link back', onclick: close }, '← Back to results')
  }
  function close() {
    panel.hidden = true
    panel.replaceChildren()
    options.onClose()
  }

  function render(shop: Storefront, offerings: Offering[]) {
    checkout.reset()
    const status = openStatus(shop.hours, shop.timezone)
    const quantities = new Map<string, number>()
    const slots = new Map<string, string>()
    const total = h('p', { class: 'total', 'aria-live': 'polite' })
    const orderButton = h('button', { type: 'submit', class: 'primary', disabled: true }, 'Place order')
    const payHost = h('div', { class: 'pay-host' })
    const error = h('p', { class: 'form-error', role: 'alert', hidden: true })
    const method = h('fieldset', { class: 'payment-method' }, h('legend', {}, 'Payment'))

    const updateTotal = () => {
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

    const offeringRows = offerings.map((o) => {
      const qty = h('input', { type: 'number', min: 0, max: 99, value: 0, inputmode: 'numeric', 'aria-label': `Quantity of ${o.name}`, class: 'qty' })
      qty.addEventListener('input', () => {
        quantities.set(o.id, Math.max(0, Math.floor(Number(qty.value) || 0)))
        updateTotal()
      })
      const slot =
        o.kind === 'service'
          ? field(
              'Time (shop time)',
              h('input', { type: 'datetime-local', 'aria-label': `Time for ${o.name}, in shop time (${shop.timezone})`, onchange: (e: Event) => slots.set(o.id, (e.target as HTMLInputElement).value) }),
            )
          : null
      return h(
        'li',
        { class: 'offering', 'data-id': o.id },
        h('div', { class: 'row spread' }, h('strong', {}, o.name), h('span', { class: 'price' }, formatMoney(o.price_cents, o.currency))),
        o.description ? h('p', { class: 'muted' }, o.description) : null,
        h('div', { class: 'row offering-controls' }, o.duration_min ? h('span', { class: 'muted' }, `${o.duration_min} min`) : null, slot, h('label', { class: 'qty-label' }, h('span', { 'aria-hidden': 'true' }, 'Qty'), qty)),
      )
    })

    const form = h(
      'form',
      { class: 'stack order-form', 'aria-label': `Order from ${shop.name}` },
      h('h3', {}, 'Order'),
      offerings.length ? h('ul', { class: 'offerings' }, ...offeringRows) : h('p', { class: 'muted' }, 'This shop has nothing to order online yet.'),
      method,
      total,
      error,
      orderButton,
      payHost,
    )
    void appConfig().then((config) => {
      const radio = (value: string, label: string, checked: boolean) =>
        h('label', { class: 'radio' }, h('input', { type: 'radio', name: 'payment_method', value, checked }), label)
      method.append(radio('cash', 'Pay at the shop (cash)', true))
      if (config.stripePublishableKey) method.append(radio('stripe', 'Pay now by card', false))
    })

    form.addEventListener('submit', async (e) => {
      e.preventDefault()
      error.hidden = true
      const session = await options.signIn()
      if (!session) return
      const paymentMethod = (new FormData(form).get('payment_method') as 'cash' | 'stripe' | null) ?? 'cash'
      const request: CheckoutRequest = {
        merchant_id: shop.id,
        payment_method: paymentMethod,
        items: offerings
          .filter((o) => (quantities.get(o.id) ?? 0) > 0)
          .map((o) => {
            const slot = slots.get(o.id)
            return { offering_id: o.id, quantity: quantities.get(o.id) ?? 0, ...(slot ? { slot_start: shopTimeToIso(slot, shop.timezone) } : {}) }
          }),
      }
      const missing = offerings.find((o) => o.kind === 'service' && (quantities.get(o.id) ?? 0) > 0 && !slots.get(o.id))
      if (missing) {
        error.textContent = `Choose a time for ${missing.name}.`
        error.hidden = false
        return
      }
      orderButton.disabled = true
      try {
        const order = await checkout.place(session, request)
        const config = await appConfig()
        if (paymentMethod === 'stripe' && order.payment?.client_secret && config.stripePublishableKey) {
          await collectCardPayment(config.stripePublishableKey, order.payment.client_secret, payHost)
        }
        panel.replaceChildren(closeButton(), orderConfirmation(order, session, () => open(shop.id)))
        panel.querySelector<HTMLElement>('#confirmation-title')?.focus()
        announce(`Order placed. Your code is ${order.redemption_code ?? 'on its way'}.`, 'success')
      } catch (err) {
        error.textContent = messageOf(err)
        error.hidden = false
        orderButton.disabled = false
      }
    })

    const distance = distanceMeters(options.from(), shop.location)
    panel.replaceChildren(
      ...[
      closeButton(),
      h('h2', { tabindex: -1, class: 'shop-name' }, shop.name),
      h('p', { class: 'muted' }, [shop.category, ...shop.tags].join(' · ')),
      h('p', {}, h('span', { class: status.open ? 'badge open' : 'badge closed' }, status.text), ` · ${formatDistance(distance)} away`),
      shop.description ? h('p', {}, shop.description) : null,
      shop.address ? h('p', {}, shop.address) : null,
      shop.phone ? h('p', {}, h('a', { href: `tel:${shop.phone}` }, shop.phone)) : null,
      h(
        'details',
        { class: 'hours' },
        h('summary', {}, `Opening hours (shop time, ${shop.timezone})`),
        h('dl', {}, ...weekLines(shop.hours).flatMap((l) => [h('dt', {}, l.day), h('dd', {}, l.hours)])),
      ),
      form,
      ].filter((n) => n !== null) as HTMLElement[],
    )
    updateTotal()
  }

  return { open, close }
}
