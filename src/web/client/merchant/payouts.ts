import { api, messageOf } from '../api'
import type { Session } from '../auth'
import { announce, h } from '../dom'
import type { Storefront } from '../storefront'

interface PayoutState {
  charges_enabled: boolean
  payouts_enabled: boolean
  details_submitted: boolean
}

/**
 * Card payouts through Stripe: the storefront's payout state and a button to Stripe's onboarding.
 * Shown only when the server takes card payments; Stripe sends the owner back to /merchant?payouts=…
 */
export function payoutsSection(session: Session, shop: Storefront): HTMLElement {
  const state = h('p', { class: 'muted' }, 'Checking payout status…')
  const start = h('button', { type: 'button' }, 'Set up payouts with Stripe')
  start.addEventListener('click', async () => {
    start.disabled = true
    try {
      const { url } = await api<{ url: string }>(`/v1/merchants/${shop.id}/payouts/onboarding`, { method: 'POST', token: session.token })
      location.assign(url)
    } catch (err) {
      announce(`Payouts could not be set up: ${messageOf(err)}`, 'error')
      start.disabled = false
    }
  })
  void api<PayoutState>(`/v1/merchants/${shop.id}/payouts`, { token: session.token })
    .then((p) => {
      state.textContent = p.payouts_enabled
        ? 'Card payments are paid out to your bank account.'
        : p.details_submitted
          ? 'Stripe is reviewing your details; payouts start once it is done.'
          : 'Set up payouts to receive card payments (cash orders work without this).'
      start.hidden = p.payouts_enabled
      if (p.details_submitted) start.textContent = 'Update payout details'
    })
    .catch((err) => (state.textContent = `Payout status unavailable: ${messageOf(err)}`))
  const returned = new URLSearchParams(location.search).get('payouts')
  if (returned === 'done') announce('Back from Stripe: your payout details were sent.', 'success')
  if (returned === 'refresh') announce('That Stripe link expired; start payout setup again.', 'error')
  return h('section', { class: 'card stack', 'aria-labelledby': 'payouts-title' }, h('h2', { id: 'payouts-title' }, 'Card payouts'), state, start)
}
