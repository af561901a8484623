import { api, ApiError, messageOf } from '../api'
import type { Session } from '../auth'
import { announce, field, formError, h } from '../dom'

const REASONS = ['Spam or advertising', 'Not about a real visit here', 'Offensive or hateful', 'Shares private information', 'Something else']

/** The inline "Report this review" form: a reason is required; one report per person. */
export function reportForm(session: Session, reviewId: string, done: () => void): HTMLFormElement {
  const reason = h('select', { name: 'reason', required: true }, h('option', { value: '' }, 'Choose a reason…'), ...REASONS.map((r) => h('option', { value: r }, r)))
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Send report')
  const form = h(
    'form',
    { class: 'stack report-form', 'aria-label': 'Report this review', novalidate: true },
    field('Why are you reporting this review?', reason, 'Reviews reported by several people are hidden until the shop or our team looks at them.'),
    h('p', { class: 'form-error', role: 'alert', hidden: true }),
    h('div', { class: 'row' }, submit, h('button', { type: 'button', onclick: done }, 'Cancel')),
  )
  form.addEventListener('submit', async (e) => {
    e.preventDefault()
    if (!reason.value) return formError(form, 'Choose a reason for the report.')
    submit.disabled = true
    try {
      await api(`/v1/reviews/${reviewId}/reports`, { method: 'POST', body: { reason: reason.value }, token: session.token })
      announce('Thanks — the review was reported.', 'success')
      done()
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) {
        announce('You have already reported this review.', 'info')
        return done()
      }
      formError(form, messageOf(err))
      submit.disabled = false
    }
  })
  return form
}
