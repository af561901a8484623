import { api, messageOf } from '../api'
import type { Session } from '../auth'
import { announce, h } from '../dom'
import { t } from '../i18n'
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
  const state = h('p', { class: 'muted loading' }, t('payouts.checking'))
  const start = h('button', { type: 'button' }, t('payouts.start'))
  start.addEventListener('click', async () => {
    start.disabled = true
    try {
      const { url } = await api<{ url: string }>(`/v1/merchants/${shop.id}/payouts/onboarding`, { method: 'POST', token: session.token })
      location.assign(url)
    } catch (err) {
      announce(t('payouts.setupFailed', { message: messageOf(err) }), 'error')
      start.disabled = false
    }
  })
  void api<PayoutState>(`/v1/merchants/${shop.id}/payouts`, { token: session.token })
    .then((p) => {
      state.classList.remove('loading')
      state.textContent = p.payouts_enabled ? t('payouts.enabled') : p.details_submitted ? t('payouts.reviewing') : t('payouts.needed')
      start.hidden = p.payouts_enabled
      if (p.details_submitted) start.textContent = t('payouts.update')
    })
    .catch((err) => (state.classList.remove('loading'), (state.textContent = t('payouts.unavailable', { message: messageOf(err) }))))
  const returned = new URLSearchParams(location.search).get('payouts')
  if (returned === 'done') announce(t('payouts.back'), 'success')
  if (returned === 'refresh') announce(t('payouts.expired'), 'error')
  return h('section', { class: 'card stack', 'aria-labelledby': 'payouts-title' }, h('h2', { id: 'payouts-title' }, t('payouts.title')), state, start)
}
