import type { components } from './api-types.gen'
import { h } from './dom'
import { formatMoney } from './format'
import { t } from './i18n'

type Offering = components['schemas']['Offering']

/** A listing's best deal as a line ("Deal: save up to CN¥21.00"), or null when it sells none. */
export function listingDeal(item: { deal: { saving_cents: number; currency: string } | null }): HTMLElement | null {
  return item.deal ? h('span', { class: 'result-deal' }, h('span', { class: 'visually-hidden' }, ' · '), dealLabel(item.deal)) : null
}

/** The words for a listing's best deal, for rows and map tooltips. */
export function dealLabel(deal: { saving_cents: number; currency: string }): string {
  return t('deal.listing', { amount: formatMoney(deal.saving_cents, deal.currency) })
}

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
