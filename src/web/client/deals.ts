import type { components } from './api-types.gen'
import { h } from './dom'
import { formatMoney } from './format'
import { t } from './i18n'

type Offering = components['schemas']['Offering']

/** A deal's face value (struck through) and saving, and what is left; null for a plain offering. */
export function dealNote(o: Pick<Offering, 'deal' | 'currency'>): HTMLElement | null {
  if (!o.deal) return null
  const { face_value_cents, saving_cents, remaining } = o.deal
  return h(
    'p',
    { class: 'deal-note' },
    h('span', { class: 'badge deal' }, t('deal.badge')),
    ' ',
    h('s', { class: 'muted' }, h('span', { class: 'visually-hidden' }, t('deal.worth')), formatMoney(face_value_cents, o.currency)),
    ' ',
    h('strong', { class: 'deal-saving' }, t('deal.save', { amount: formatMoney(saving_cents, o.currency) })),
    remaining !== null ? h('span', { class: 'muted' }, ` · ${remaining > 0 ? t('deal.left', { count: remaining }) : t('deal.soldOut')}`) : null,
  )
}
