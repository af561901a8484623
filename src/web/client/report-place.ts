import { api, ApiError, messageOf, newIdempotencyKey } from './api'
import { currentSession, type Session } from './auth'
import { announce, field, formError, h } from './dom'
import { type MessageKey, t } from './i18n'

/** The reasons POST /v1/merchants/:id/reports takes, in the order people see them. */
const REASONS = ['closed', 'wrong_location', 'inappropriate', 'spam', 'other'] as const

/**
 * "Report this place" on the storefront panel: a reason (required) and an optional note. One
 * report per person; a reported place leaves their "For you" list at once, so its card goes too.
 */
export function reportPlace(shop: { id: string; name: string }, signIn: (why: string) => Promise<Session | null>): HTMLElement {
  const reason = h('select', { name: 'reason', required: true }, h('option', { value: '' }, t('placeReport.choose')),
    ...REASONS.map((r) => h('option', { value: r }, t(`placeReport.reason.${r}` as MessageKey))))
  const note = h('textarea', { name: 'note', maxlength: 500, rows: 2 })
  const submit = h('button', { type: 'submit', class: 'primary' }, t('report.send'))
  const form = h('form', { class: 'stack report-form', novalidate: true },
    field(t('placeReport.why'), reason, t('placeReport.hint')),
    field(t('placeReport.note'), note),
    h('p', { class: 'form-error', role: 'alert', hidden: true }),
    h('div', { class: 'row' }, submit))
  const details = h('details', { class: 'place-report' }, h('summary', {}, t('placeReport.open')), form)
  // One key per filled-in form: a retry after a lost answer is the same report, not a 409.
  let key = newIdempotencyKey()
  reason.addEventListener('change', () => ((key = newIdempotencyKey()), formError(form, null)))
  note.addEventListener('input', () => (key = newIdempotencyKey()))

  function done(message: string) {
    details.replaceChildren(h('p', { class: 'muted place-reported' }, t('placeReport.done')))
    document.querySelector(`.for-you-card[data-id="${CSS.escape(shop.id)}"]`)?.remove()
    announce(message, 'success')
  }

  form.addEventListener('submit', async (e) => {
    e.preventDefault()
    if (!reason.value) return formError(form, t('placeReport.needReason'))
    formError(form, null)
    const session = currentSession('consumer') ?? (await signIn(t('placeReport.signInWhy')))
    if (!session) return
    submit.disabled = true
    const text = note.value.trim()
    try {
      await api(`/v1/merchants/${encodeURIComponent(shop.id)}/reports`, {
        method: 'POST', token: session.token, headers: { 'Idempotency-Key': key }, body: { reason: reason.value, ...(text ? { note: text } : {}) },
      })
      done(t('placeReport.thanks', { name: shop.name }))
    } catch (err) {
      if (err instanceof ApiError && err.status === 409 && err.code === 'already_reported') return done(t('placeReport.already'))
      formError(form, messageOf(err))
      submit.disabled = false
    }
  })
  return details
}
