import { api, messageOf } from '../api'
import type { Session } from '../auth'
import { type Coupon, couponValueText } from '../coupons'
import { announce, field, formError, h } from '../dom'
import { formatMoney } from '../format'
import { localDateIn, shopTimeToIso } from '../hours'
import { t } from '../i18n'
import type { Storefront } from '../storefront'

const DAY = /^\d{4}-\d{2}-\d{2}$/

/** The shop's midnight at the start of `day` ("2026-12-01") in `timeZone`; an invalid date for a bad day. */
export function shopDayStart(day: string, timeZone: string): Date {
  return DAY.test(day) ? new Date(shopTimeToIso(`${day}T00:00`, timeZone)) : new Date(Number.NaN)
}

/** The last second of `day` on the shop's clock in `timeZone`. */
export function shopDayEnd(day: string, timeZone: string): Date {
  return DAY.test(day) ? new Date(Date.parse(shopTimeToIso(`${day}T23:59`, timeZone)) + 59_000) : new Date(Number.NaN)
}

/**
 * Edits a campaign in place. Only what the API lets change once coupons are claimed is editable —
 * title, a later last day, more quantity, a higher per-person limit; the value, minimum spend and
 * first day are shown locked with the reason. `cancel` gives back the row it replaced.
 */
export function campaignEditor(session: Session, shop: Storefront, c: Coupon, on: { done: () => Promise<void>; cancel: () => HTMLElement }): HTMLElement {
  const tz = shop.timezone
  const endDay = localDateIn(new Date(Date.parse(c.ends_at) - 1000), tz)
  const claimed = c.stats?.claimed ?? c.claimed_count
  const title = h('input', { name: 'title', value: c.title, required: true, maxlength: 120 })
  const ends = h('input', { name: 'ends', type: 'date', value: endDay, min: endDay })
  const quantity = h('input', { name: 'total_quantity', type: 'number', min: Math.max(1, claimed), max: 1_000_000, value: c.total_quantity })
  const perUser = h('input', { name: 'per_user_limit', type: 'number', min: c.per_user_limit, max: 100, value: c.per_user_limit })
  const locked = (label: string, value: string) => field(label, h('input', { value, disabled: true, 'aria-describedby': `locked-${c.id}` }))
  const form = h(
    'form',
    { class: 'stack campaign-edit', novalidate: true, 'aria-label': t('campaignEdit.formLabel', { title: c.title }) },
    h('p', { class: 'form-error', role: 'alert', hidden: true }),
    field(t('campaign.title'), title),
    h(
      'div',
      { class: 'row wrap' },
      field(t('campaign.ends'), ends, t('campaignEdit.endsHint')),
      field(t('campaign.quantity'), quantity, t('campaignEdit.quantityHint', { claimed })),
      field(t('campaign.perUser'), perUser, t('campaignEdit.perUserHint')),
    ),
    h(
      'fieldset',
      { class: 'locked-fields' },
      h('legend', {}, t('campaignEdit.lockedLegend')),
      h('p', { class: 'hint', id: `locked-${c.id}` }, t('campaignEdit.lockedWhy')),
      h(
        'div',
        { class: 'row wrap' },
        locked(t('campaignEdit.value'), couponValueText(c)),
        locked(t('campaign.minSpend'), formatMoney(c.min_spend_cents, c.currency)),
        locked(t('campaign.starts'), localDateIn(new Date(c.starts_at), tz)),
      ),
    ),
    h('div', { class: 'row wrap' }, h('button', { type: 'submit', class: 'primary' }, t('console.save')), h('button', { type: 'button', onclick: () => form.closest('li')?.replaceWith(on.cancel()) }, t('console.cancel'))),
  )
  form.addEventListener('input', () => formError(form, null))
  form.addEventListener('submit', async (e) => {
    e.preventDefault()
    const patch: Record<string, unknown> = {}
    if (!title.value.trim()) return formError(form, t('campaign.err.title'))
    if (title.value.trim() !== c.title) patch.title = title.value.trim()
    if (ends.value !== endDay) {
      const endsAt = shopDayEnd(ends.value, tz)
      if (Number.isNaN(endsAt.getTime()) || ends.value < endDay) return formError(form, t('campaignEdit.err.ends'))
      patch.ends_at = endsAt.toISOString()
    }
    const total = Number(quantity.value)
    if (!Number.isInteger(total) || total < Math.max(1, claimed)) return formError(form, t('campaignEdit.err.quantity', { claimed }))
    if (total !== c.total_quantity) patch.total_quantity = total
    const limit = Number(perUser.value)
    if (!Number.isInteger(limit) || limit < c.per_user_limit || limit > 100) return formError(form, t('campaignEdit.err.perUser', { current: c.per_user_limit }))
    if (limit !== c.per_user_limit) patch.per_user_limit = limit
    if (Object.keys(patch).length === 0) return formError(form, t('campaignEdit.err.nothing'))
    try {
      const saved = await api<Coupon>(`/v1/coupons/${c.id}`, { method: 'PATCH', body: patch, token: session.token })
      announce(t('campaignEdit.saved', { title: saved.title }), 'success')
      await on.done()
    } catch (err) {
      formError(form, messageOf(err))
    }
  })
  const li = h('li', { class: 'campaign editing', 'data-id': c.id }, form)
  queueMicrotask(() => title.focus())
  return li
}
