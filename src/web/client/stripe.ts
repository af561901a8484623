import { announce, h } from './dom'
import { t } from './i18n'

interface StripeLike {
  elements(options: { clientSecret: string }): { create(kind: 'payment'): { mount(el: HTMLElement): void } }
  confirmPayment(options: { elements: unknown; redirect: 'if_required'; confirmParams: { return_url: string } }): Promise<{ error?: { message?: string } }>
}

let loading: Promise<(key: string) => StripeLike> | undefined

/** Loads Stripe.js from Stripe (their terms require their copy); only ever called when a key is configured. */
function loadStripe(): Promise<(key: string) => StripeLike> {
  loading ??= new Promise((resolve, reject) => {
    const script = h('script', { src: 'https://js.stripe.com/v3/', async: true })
    script.addEventListener('load', () => resolve((window as unknown as { Stripe: (k: string) => StripeLike }).Stripe))
    script.addEventListener('error', () => {
      loading = undefined
      reject(new Error(t('stripe.unavailable')))
    })
    document.head.append(script)
  })
  return loading
}

/**
 * Mounts Stripe's Payment Element for `clientSecret` into `host` under a heading saying what is
 * paid; resolves "paid" once Stripe confirms, or "cancelled" when the person backs out.
 */
export async function collectCardPayment(publishableKey: string, clientSecret: string, host: HTMLElement, heading: string): Promise<'paid' | 'cancelled'> {
  const Stripe = await loadStripe()
  const stripe = Stripe(publishableKey)
  const elements = stripe.elements({ clientSecret })
  const mountPoint = h('div', { class: 'payment-element' })
  const pay = h('button', { type: 'submit', class: 'primary' }, t('stripe.pay'))
  const cancel = h('button', { type: 'button' }, t('stripe.cancel'))
  const error = h('p', { class: 'form-error', role: 'alert', hidden: true })
  const title = h('h3', { tabindex: -1 }, heading)
  const form = h('form', { class: 'stack card-payment', 'aria-label': heading }, title, mountPoint, error, h('div', { class: 'row' }, pay, cancel))
  host.replaceChildren(form)
  elements.create('payment').mount(mountPoint)
  title.focus()
  return new Promise((resolve) => {
    cancel.addEventListener('click', () => resolve('cancelled'))
    form.addEventListener('submit', async (e) => {
      e.preventDefault()
      pay.disabled = true
      const result = await stripe.confirmPayment({ elements, redirect: 'if_required', confirmParams: { return_url: location.href } })
      pay.disabled = false
      if (result.error) {
        // Stripe's own wording is for developers; the person gets a plain sentence in their language.
        console.warn('[stripe] confirmPayment failed', result.error)
        error.textContent = t('stripe.failed')
        error.hidden = false
        return
      }
      announce(t('order.paid'), 'success')
      resolve('paid')
    })
  })
}
