import { api, messageOf } from '../api'
import type { Session } from '../auth'
import { type Coupon, couponValueText } from '../coupons'
import { announce, field, formError, h } from '../dom'
import { formatMoney, minorDigits, parseMoney } from '../format'
import { localDateIn } from '../hours'
import { langOf, t } from '../i18n'
import type { Storefront } from '../storefront'
import { campaignEditor, shopDayEnd, shopDayStart } from './campaign-edit'

/** Fired on window when the owner's campaigns change (the post form's coupon list re-reads). */
export const CAMPAIGNS_CHANGED = 'o2o:campaigns-changed'

/** The owner's campaigns of `shop`, every status, with their numbers. */
export async function ownCampaigns(session: Session, shopId: string): Promise<Coupon[]> {
  return (await api<{ data: Coupon[] }>(`/v1/merchants/${encodeURIComponent(shopId)}/coupons`, { token: session.token })).data
}


/**
 * Coupon campaigns: a form to start one (amount off, or percent off with a cap; minimum spend,
 * dates, quantity, per-person limit) and every campaign with its numbers — claimed, used, the
 * discount given and the revenue of the orders that used it — and pause / resume / end.
 */
export function couponsSection(session: Session, shop: Storefront): HTMLElement {
  const list = h('ul', { class: 'campaign-list', 'aria-live': 'polite' })
  const currency = shop.currency
  // Days are the shop's calendar days, wherever the owner's browser is.
  const dayInput = (offsetDays: number) => localDateIn(new Date(Date.now() + offsetDays * 86_400_000), shop.timezone)
  const kind = h('select', { name: 'kind' }, h('option', { value: 'amount_off' }, t('campaign.kind.amount_off')), h('option', { value: 'percent_off' }, t('campaign.kind.percent_off')))
  const amountField = field(t('campaign.amountOff'), h('input', { name: 'amount_off', inputmode: 'decimal', placeholder: '5.00' }))
  const percentField = field(t('campaign.percentOff'), h('input', { name: 'percent_off', type: 'number', min: 1, max: 90, placeholder: '15' }))
  const capField = field(t('campaign.cap'), h('input', { name: 'max_discount', inputmode: 'decimal', placeholder: '10.00' }), t('campaign.capHint'))
  const currencyNote = h('span', { class: 'muted campaign-currency' })
  const showKind = () => {
    amountField.hidden = kind.value !== 'amount_off'
    percentField.hidden = capField.hidden = kind.value !== 'percent_off'
  }
  kind.addEventListener('change', showKind)
  const form = h(
    'form',
    { class: 'stack campaign-form', novalidate: true, 'aria-labelledby': 'campaign-form-title' },
    h('h3', { id: 'campaign-form-title' }, t('campaign.new')),
    h('p', { class: 'form-error', role: 'alert', hidden: true }),
    field(t('campaign.title'), h('input', { name: 'title', required: true, maxlength: 120, placeholder: t('campaign.titlePlaceholder') })),
    h('div', { class: 'row wrap' }, field(t('campaign.kind'), kind), amountField, percentField, capField),
    h('div', { class: 'row wrap' }, field(t('campaign.minSpend'), h('input', { name: 'min_spend', inputmode: 'decimal', value: '0' }), t('campaign.minSpendHint')), currencyNote),
    h('div', { class: 'row wrap' }, field(t('campaign.starts'), h('input', { name: 'starts', type: 'date', value: dayInput(0), required: true })), field(t('campaign.ends'), h('input', { name: 'ends', type: 'date', value: dayInput(30), required: true }))),
    h(
      'div',
      { class: 'row wrap' },
      field(t('campaign.quantity'), h('input', { name: 'total_quantity', type: 'number', min: 1, max: 1_000_000, value: 100, required: true })),
      field(t('campaign.perUser'), h('input', { name: 'per_user_limit', type: 'number', min: 1, max: 100, value: 1, required: true })),
    ),
    h('label', { class: 'radio' }, h('input', { type: 'checkbox', name: 'new_customers_only' }), t('campaign.newCustomersOnly')),
    h('button', { type: 'submit', class: 'primary' }, t('campaign.create')),
  )
  showKind()

  async function changed() {
    window.dispatchEvent(new Event(CAMPAIGNS_CHANGED))
    await load()
  }

  async function load() {
    try {
      const campaigns = await ownCampaigns(session, shop.id)
      list.replaceChildren(...(campaigns.length ? campaigns.map(row) : [h('li', { class: 'muted' }, t('campaign.none'))]))
    } catch (err) {
      list.replaceChildren(h('li', { class: 'form-error', role: 'alert' }, messageOf(err)))
    }
  }

  function row(c: Coupon): HTMLElement {
    const move = async (verb: 'pause' | 'resume' | 'end') => {
      if (verb === 'end' && !window.confirm(t('campaign.endConfirm', { title: c.title }))) return
      try {
        await api(`/v1/coupons/${c.id}/${verb}`, { method: 'POST', token: session.token })
        announce(t(`campaign.moved.${verb}`, { title: c.title }), 'success')
        window.dispatchEvent(new Event(CAMPAIGNS_CHANGED))
        await load()
      } catch (err) {
        announce(messageOf(err), 'error')
      }
    }
    const s = c.stats ?? { claimed: c.claimed_count, used: 0, discount_given_cents: 0, revenue_cents: 0 }
    const stat = (label: string, value: string, key: string) => h('div', { class: 'stat', 'data-stat': key }, h('dt', {}, label), h('dd', {}, value))
    const button = (verb: 'pause' | 'resume' | 'end', cls?: string) =>
      h('button', { type: 'button', class: cls ?? null, 'aria-label': t(`campaign.${verb}Label`, { title: c.title }), onclick: () => void move(verb) }, t(`campaign.${verb}`))
    const li: HTMLElement = h(
      'li',
      { class: 'campaign', 'data-id': c.id, 'data-status': c.status },
      h('div', { class: 'row spread' }, h('strong', { lang: langOf(c.title) }, c.title), h('span', { class: `badge campaign-${c.status}` }, t(`campaign.status.${c.status}`))),
      h('p', { class: 'muted' }, `${couponValueText(c)} · ${c.min_spend_cents ? t('coupon.minSpend', { amount: formatMoney(c.min_spend_cents, c.currency) }) : t('coupon.noMinimum')} · ${new Date(c.starts_at).toLocaleDateString(undefined, { timeZone: shop.timezone })} – ${new Date(c.ends_at).toLocaleDateString(undefined, { timeZone: shop.timezone })}`),
      h(
        'dl',
        { class: 'campaign-stats' },
        stat(t('campaign.claimed'), t('campaign.claimedOf', { claimed: s.claimed, total: c.total_quantity }), 'claimed'),
        stat(t('campaign.used'), String(s.used), 'used'),
        stat(t('campaign.discountGiven'), formatMoney(s.discount_given_cents, c.currency), 'discount'),
        stat(t('campaign.revenue'), formatMoney(s.revenue_cents, c.currency), 'revenue'),
      ),
      c.status === 'ended'
        ? null
        : h(
            'div',
            { class: 'row wrap actions' },
            h('button', { type: 'button', 'aria-label': t('campaignEdit.editLabel', { title: c.title }), onclick: () => li.replaceWith(campaignEditor(session, shop, c, { done: changed, cancel: () => li })) }, t('campaignEdit.edit')),
            c.status === 'active' ? button('pause') : button('resume'),
            button('end', 'danger'),
          ),
    )
    return li
  }

  form.addEventListener('input', () => formError(form, null))
  form.addEventListener('submit', async (e) => {
    e.preventDefault()
    const data = new FormData(form)
    const money = (name: string) => parseMoney(String(data.get(name) ?? ''), currency)
    const title = String(data.get('title') ?? '').trim()
    const example = `5${minorDigits(currency) ? '.00' : ''}`
    if (!title) return formError(form, t('campaign.err.title'))
    const value =
      kind.value === 'amount_off'
        ? { amount_off_cents: money('amount_off') }
        : { percent_off: Number(data.get('percent_off')), ...(String(data.get('max_discount') ?? '').trim() ? { max_discount_cents: money('max_discount') } : {}) }
    if (kind.value === 'amount_off' && !value.amount_off_cents) return formError(form, t('campaign.err.amount', { example }))
    if ('percent_off' in value && !(Number.isInteger(value.percent_off) && value.percent_off >= 1 && value.percent_off <= 90)) return formError(form, t('campaign.err.percent'))
    if ('max_discount_cents' in value && !value.max_discount_cents) return formError(form, t('campaign.err.amount', { example }))
    const minSpend = money('min_spend')
    if (minSpend === undefined) return formError(form, t('campaign.err.amount', { example }))
    // Dates are whole days in the shop's time zone: from its midnight on the first to the end of the last.
    const startsAt = shopDayStart(String(data.get('starts') ?? ''), shop.timezone)
    const endsAt = shopDayEnd(String(data.get('ends') ?? ''), shop.timezone)
    if (Number.isNaN(startsAt.getTime()) || Number.isNaN(endsAt.getTime()) || endsAt <= startsAt) return formError(form, t('campaign.err.dates'))
    const body = {
      title,
      kind: kind.value,
      ...value,
      min_spend_cents: minSpend,
      currency,
      starts_at: startsAt.toISOString(),
      ends_at: endsAt.toISOString(),
      total_quantity: Number(data.get('total_quantity')),
      per_user_limit: Number(data.get('per_user_limit')),
      new_customers_only: data.get('new_customers_only') === 'on',
    }
    try {
      const created = await api<Coupon>(`/v1/merchants/${shop.id}/coupons`, { method: 'POST', body, token: session.token })
      form.reset()
      showKind()
      announce(t('campaign.created', { title: created.title }), 'success')
      window.dispatchEvent(new Event(CAMPAIGNS_CHANGED))
      await load()
    } catch (err) {
      formError(form, messageOf(err))
    }
  })

  // Coupons are in the storefront's currency; their days are the shop's.
  currencyNote.textContent = `${t('campaign.currency', { currency })} · ${t('campaignEdit.timezoneNote', { timezone: shop.timezone })}`
  void load()
  return h('section', { class: 'card stack', 'aria-labelledby': 'campaigns-title' }, h('h2', { id: 'campaigns-title' }, t('campaign.sectionTitle')), list, form)
}
