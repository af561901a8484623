import { api, ApiError, messageOf } from '../api'
import type { Session } from '../auth'
import { announce, field, formError, h } from '../dom'
import { type MessageKey, t } from '../i18n'

// The reason sent is the English sentence (what moderators read); people see it in their language.
const REASONS: Array<[string, MessageKey]> = [
  ['Spam or advertising', 'report.reason.spam'],
  ['Not about a real visit here', 'report.reason.notReal'],
  ['Offensive or hateful', 'report.reason.offensive'],
  ['Shares private information', 'report.reason.private'],
  ['Something else', 'report.reason.other'],
]

/** The inline "Report this review" form: a reason is required; one report per person. */
export function reportForm(session: Session, reviewId: string, done: () => void): HTMLFormElement {
  const reason = h('select', { name: 'reason', required: true }, h('option', { value: '' }, t('report.choose')), ...REASONS.map(([value, key]) => h('option', { value }, t(key))))
  const submit = h('button', { type: 'submit', class: 'primary' }, t('report.send'))
  const form = h(
    'form',
    { class: 'stack report-form', 'aria-label': t('report.label'), novalidate: true },
    field(t('report.why'), reason, t('report.hint')),
    h('p', { class: 'form-error', role: 'alert', hidden: true }),
    h('div', { class: 'row' }, submit, h('button', { type: 'button', onclick: done }, t('auth.cancel'))),
  )
  form.addEventListener('submit', async (e) => {
    e.preventDefault()
    if (!reason.value) return formError(form, t('report.needReason'))
    submit.disabled = true
    try {
      await api(`/v1/reviews/${reviewId}/reports`, { method: 'POST', body: { reason: reason.value }, token: session.token })
      announce(t('report.thanks'), 'success')
      done()
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) {
        announce(t('report.already'), 'info')
        return done()
      }
      formError(form, messageOf(err))
      submit.disabled = false
    }
  })
  return form
}
