import { api, appConfig, messageOf } from './api'
import { currentSession, type Session } from './auth'
import { announce, h } from './dom'
import { formatMoney } from './format'
import { langOf, t } from './i18n'
import { countdown, pollWhile, progressList, type SplitInvite } from './split-parts'
import { collectCardPayment } from './stripe'

/** What a friend reads once the order stopped collecting shares. */
function outcome(status: string): string {
  if (status === 'paid' || status === 'completed') return t('split.outcomePaid')
  if (status === 'confirmed') return t('split.outcomeConfirmed')
  if (status === 'expired') return t('split.outcomeExpired')
  return t('split.outcomeCancelled')
}

/**
 * The invite page (/split/<token>): what the order is, this share's amount, who has paid
 * (display names only) and the time left. A friend signs in (or registers), takes the share, and
 * pays it by card — authorised now, charged when everyone is in — or picks the counter.
 */
export function splitInvitePage(token: string, signIn: (why?: string) => Promise<Session | null>): HTMLElement {
  const body = h('div', { class: 'stack' }, h('p', { class: 'muted loading' }, t('split.loading')))
  const payHost = h('div', { class: 'pay-host' })
  const page = h('section', { class: 'split-invite-page stack', 'aria-labelledby': 'split-invite-title' }, body, payHost)
  let status = 'awaiting_shares'
  let deadline = ''
  let timer: HTMLElement | null = null
  let cardDone = false
  let shown = ''
  let focused = false

  const act = async (what: () => Promise<unknown>) => {
    try {
      await what()
    } catch (err) {
      payHost.replaceChildren(h('p', { class: 'form-error', role: 'alert' }, messageOf(err)))
    }
    await load()
  }
  const take = () =>
    act(async () => {
      const session = await signIn(t('split.signInWhy'))
      if (!session) return
      await api(`/v1/split-invites/${token}/claim`, { method: 'POST', token: session.token })
      announce(t('split.taken'), 'success')
    })
  const payCard = (invite: SplitInvite, session: Session) =>
    act(async () => {
      const pay = await api<{ client_secret: string | null }>(`/v1/orders/${invite.order_id}/shares/${invite.share.id}/pay`, { method: 'POST', token: session.token })
      const { stripePublishableKey } = await appConfig()
      if (!pay.client_secret || !stripePublishableKey) throw new Error(t('error.payments_not_configured'))
      const result = await collectCardPayment(stripePublishableKey, pay.client_secret, payHost, t('split.payHeading', { amount: formatMoney(invite.share.amount_cents, invite.currency) }))
      payHost.replaceChildren()
      if (result === 'paid') {
        cardDone = true
        announce(t('split.cardAuthorised'), 'success')
      }
    })
  const payCounter = (invite: SplitInvite, session: Session) =>
    act(async () => {
      await api(`/v1/orders/${invite.order_id}/shares/${invite.share.id}/pay-at-counter`, { method: 'POST', token: session.token })
      announce(t('split.counterChosen'), 'success')
    })

  function actions(invite: SplitInvite, session: Session | null): HTMLElement | null {
    const share = invite.share
    if (invite.order_status !== 'awaiting_shares') return h('p', { class: 'split-outcome', 'data-status': invite.order_status }, outcome(invite.order_status))
    if (share.status === 'open') return h('button', { type: 'button', class: 'primary', onclick: () => void take() }, session ? t('split.take') : t('split.signInToTake'))
    if (!share.yours || !session) return h('p', { class: 'muted' }, t('split.takenBySomeone'))
    if (share.status === 'claimed' && cardDone) return h('p', { class: 'split-own-status' }, t('split.cardAuthorised'))
    if (share.status === 'claimed' && !payHost.firstChild) {
      return h(
        'div',
        { class: 'row wrap' },
        h('button', { type: 'button', class: 'primary', onclick: () => void payCard(invite, session) }, t('split.payByCard')),
        h('button', { type: 'button', onclick: () => void payCounter(invite, session) }, t('split.payAtCounter')),
      )
    }
    if (share.status === 'authorised' || share.status === 'captured') return h('p', { class: 'split-own-status' }, t('split.cardAuthorised'))
    if (share.status === 'cash') return h('p', { class: 'split-own-status' }, t('split.counterChosen'))
    return null
  }

  async function load() {
    const session = currentSession('consumer')
    const invite = await api<SplitInvite>(`/v1/split-invites/${token}`, { token: session?.token })
    status = invite.order_status
    // Repainting only on change keeps keyboard focus where it is between polls.
    const key = JSON.stringify([invite, !!session, cardDone, !!payHost.firstChild])
    if (key === shown) return
    shown = key
    const organiser = invite.payers[0]?.display_name ?? ''
    if (status === 'awaiting_shares' && invite.deadline_at !== deadline) timer = countdown((deadline = invite.deadline_at))
    if (status !== 'awaiting_shares') timer = null
    body.replaceChildren(
      ...[
        h('h2', { id: 'split-invite-title', tabindex: -1, lang: langOf(organiser) }, t('split.inviteTitle', { name: organiser })),
        h('p', { lang: langOf(invite.storefront.name) }, h('strong', {}, invite.storefront.name)),
        h('ul', { class: 'split-items' }, ...invite.items.map((i) => h('li', { lang: langOf(i.name) }, `${i.quantity} × ${i.name}`))),
        h('p', {}, t('order.total', { total: formatMoney(invite.total_cents, invite.currency) })),
        h('p', { class: 'split-your-share' }, t('split.thisShare', { amount: formatMoney(invite.share.amount_cents, invite.currency) })),
        timer,
        progressList(invite.progress, invite.payers, invite.currency),
        actions(invite, session),
        h('p', { class: 'muted' }, t('split.howItWorks')),
      ].filter((n): n is HTMLElement => n !== null),
    )
    // The first view brings the invite into sight (on a phone it sits below the map).
    if (!focused) body.querySelector<HTMLElement>('#split-invite-title')?.focus()
    focused = true
  }

  void load().catch((err) => body.replaceChildren(h('p', { class: 'form-error', role: 'alert' }, messageOf(err))))
  pollWhile(page, 3000, load, () => status === 'awaiting_shares')
  return page
}
