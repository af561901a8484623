import QRCode from 'qrcode'
import type { components } from './api-types.gen'
import { announce, h } from './dom'
import { formatMoney } from './format'
import { hasMessage, langOf, type MessageKey, t } from './i18n'
import { absoluteUrl, copyText } from './reviews/share'

export type SplitInvite = components['schemas']['SplitInvite']
export type OrderShares = components['schemas']['OrderShares']
type Payer = { position: number; display_name: string | null; status: string; amount_cents?: number }

/** The web address of a share's invite link (the app's /split/<token> page). */
export const inviteUrl = (token: string) => absoluteUrl(`/split/${token}`)

/** How a share stands, in words ("Paid", "Pays at the counter", "Waiting"). */
export function shareStatusText(status: string): string {
  return hasMessage(`split.share.${status}`) ? t(`split.share.${status}` as MessageKey) : status
}

/**
 * "2 of 3 in" and one line per share with the payer's display name only; `amounts` (the
 * organiser's view) adds each share's amount.
 */
export function progressList(progress: { label: string; paid: number; total: number }, payers: Payer[], currency: string): HTMLElement {
  return h(
    'div',
    { class: 'split-progress' },
    h('p', { class: 'split-progress-label' }, h('strong', {}, t('split.progressCount', { paid: progress.paid, total: progress.total })), h('progress', { max: progress.total, value: progress.paid + 0, 'aria-hidden': 'true' })),
    h(
      'ul',
      { class: 'split-payers' },
      ...payers.map((p) =>
        h(
          'li',
          { 'data-status': p.status, class: 'split-payer' },
          h('span', { lang: langOf(p.display_name ?? undefined) }, p.position === 0 ? t('split.organiserName', { name: p.display_name ?? '' }) : (p.display_name ?? t('split.friendN', { n: p.position }))),
          p.amount_cents !== undefined ? h('span', { class: 'muted' }, formatMoney(p.amount_cents, currency)) : null,
          h('span', { class: `badge share-${p.status}` }, shareStatusText(p.status)),
        ),
      ),
    ),
  )
}

/**
 * "Time left: 12:04", ticking each second until `deadline`; stops by itself once off the page.
 * Screen readers get it on focus (role=timer), not every second.
 */
export function countdown(deadlineIso: string, now: () => number = Date.now): HTMLElement {
  const el = h('p', { class: 'split-countdown', role: 'timer' })
  const deadline = Date.parse(deadlineIso)
  const tick = () => {
    const left = Math.max(0, Math.floor((deadline - now()) / 1000))
    const hours = Math.floor(left / 3600)
    const mm = String(Math.floor((left % 3600) / 60)).padStart(2, '0')
    const ss = String(left % 60).padStart(2, '0')
    el.textContent = left > 0 ? t('split.timeLeft', { time: hours ? `${hours}:${mm}:${ss}` : `${mm}:${ss}` }) : t('split.timeUp')
    if (left > 0 && (el.isConnected || !el.dataset.started)) window.setTimeout(tick, 1000)
    el.dataset.started = '1'
  }
  tick()
  return el
}

/** An invite link to pass on: the address, a Copy button, and a QR code to scan from this screen. */
export function inviteLink(token: string, label: string): HTMLElement {
  const url = inviteUrl(token)
  const input = h('input', { type: 'text', readonly: true, value: url, class: 'split-link', 'aria-label': t('split.linkLabel', { label }) })
  const copy = h('button', { type: 'button', class: 'copy-link' }, t('split.copy'))
  copy.addEventListener('click', async () => {
    if (await copyText(url)) announce(t('split.copied'), 'success')
    else input.select()
  })
  const canvas = h('canvas', { class: 'split-qr', role: 'img', 'aria-label': t('split.qrLabel', { label }), width: 148, height: 148 })
  void QRCode.toCanvas(canvas, url, { width: 148, margin: 1, errorCorrectionLevel: 'M' }).catch(() => canvas.remove())
  return h('li', { class: 'split-invite', 'data-token': token }, h('p', { class: 'split-invite-label' }, label), h('div', { class: 'row wrap split-invite-body' }, canvas, h('div', { class: 'stack' }, input, copy)))
}

/** Re-runs `load` every `ms` while `el` is on the page and `more()` says so. */
export function pollWhile(el: HTMLElement, ms: number, load: () => Promise<unknown>, more: () => boolean): void {
  const next = () =>
    window.setTimeout(async () => {
      if (!el.isConnected || !more()) return
      await load().catch(() => undefined)
      next()
    }, ms)
  next()
}
