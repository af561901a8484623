import { allPages, api, messageOf } from '../api'
import type { Session } from '../auth'
import { announce, field, formError, h } from '../dom'
import { formatMoney, minorDigits, moneyInputValue, parseMoney } from '../format'
import { hasMessage, type MessageKey, t } from '../i18n'

const kindName = (kind: string) => (hasMessage(`offerings.kind.${kind}`) ? t(`offerings.kind.${kind}` as MessageKey) : kind)
import type { Offering, Storefront } from '../storefront'
import { dealFields, dealStockLine } from './deal-fields'

/** "25.00", "2500" or "2.500": an example price in the currency's own decimals. */
const examplePrice = (currency: string) => moneyInputValue(2500 * 10 ** minorDigits(currency) / 100, currency)

/**
 * The offerings section: what the storefront sells, with add, pause/resume and delete. Prices are
 * in the storefront's currency (set on the storefront, not per offering).
 */
export function offeringsSection(session: Session, shop: Storefront): HTMLElement {
  const list = h('ul', { class: 'offering-admin', 'aria-live': 'polite' })
  const currency = shop.currency
  const kind = h('select', { name: 'kind' }, ...['service', 'product', 'voucher'].map((k) => h('option', { value: k }, kindName(k))))
  const duration = h('input', { name: 'duration_min', type: 'number', min: 5, max: 1440, value: 30 })
  const durationField = field(t('offerings.duration'), duration)
  const deal = dealFields(shop)
  kind.addEventListener('change', () => {
    durationField.hidden = kind.value !== 'service'
    deal.showFor(kind.value)
  })
  const form = h(
    'form',
    { class: 'stack add-offering', novalidate: true, 'aria-label': t('offerings.add') },
    h('h3', {}, t('offerings.add')),
    h('p', { class: 'form-error', role: 'alert', hidden: true }),
    field(t('offerings.name'), h('input', { name: 'name', required: true, maxlength: 120 })),
    h(
      'div',
      { class: 'row wrap' },
      field(t('offerings.kind'), kind),
      field(t('offerings.priceIn', { currency }), h('input', { name: 'price', inputmode: 'decimal', required: true, placeholder: examplePrice(currency) }), t('offerings.priceHint', { currency })),
    ),
    h('div', { class: 'row wrap' }, durationField, field(t('offerings.capacity'), h('input', { name: 'capacity', type: 'number', min: 1, value: 1 }))),
    deal.root,
    h('button', { type: 'submit', class: 'primary' }, t('offerings.addButton')),
  )

  async function load() {
    try {
      const items = await allPages<Offering>(`/v1/merchants/${shop.id}/offerings`, { token: session.token })
      list.replaceChildren(...(items.length ? items.map(row) : [h('li', { class: 'muted' }, t('offerings.none'))]))
    } catch (err) {
      list.replaceChildren(h('li', { class: 'form-error', role: 'alert' }, messageOf(err)))
    }
  }
  function row(o: Offering) {
    const change = async (method: 'PATCH' | 'DELETE', body?: unknown) => {
      try {
        await api(`/v1/offerings/${o.id}`, { method, body, token: session.token })
        announce(t(method === 'DELETE' ? 'offerings.removed' : 'offerings.updated', { name: o.name }), 'success')
        await load()
      } catch (err) {
        announce(messageOf(err), 'error')
      }
    }
    const edit = () => {
      // An offering left in another currency (see migration 0017) is re-priced in the storefront's.
      const foreign = o.currency !== currency
      const name = h('input', { value: o.name, required: true, maxlength: 120, 'aria-label': t('offerings.newName', { name: o.name }) })
      const price = h('input', { value: foreign ? '' : moneyInputValue(o.price_cents, currency), placeholder: examplePrice(currency), inputmode: 'decimal', class: 'price-input', 'aria-label': t('offerings.newPrice', { name: o.name, currency }) })
      const editor = h(
        'form',
        { class: 'row wrap inline-edit' },
        name,
        price,
        h('button', { type: 'submit', class: 'primary' }, t('console.save')),
        h('button', { type: 'button', onclick: () => li.replaceWith(row(o)) }, t('console.cancel')),
      )
      editor.addEventListener('submit', (e) => {
        e.preventDefault()
        const cents = parseMoney(price.value, currency)
        if (!name.value.trim() || cents === undefined) return announce(t('offerings.needNameAndPrice', { example: examplePrice(currency) }), 'error')
        void change('PATCH', { name: name.value.trim(), price_cents: cents, ...(foreign ? { currency } : {}) })
      })
      li.replaceChildren(editor)
      name.focus()
    }
    const li = h(
      'li',
      { class: 'row spread', 'data-id': o.id },
      h(
        'span',
        {},
        h('strong', {}, o.name),
        ` · ${kindName(o.kind)}${o.duration_min ? ` · ${t('checkout.minutes', { n: o.duration_min })}` : ''}${o.active === false ? ` · ${t('offerings.paused')}` : ''}`,
        o.currency !== currency ? h('span', { class: 'form-error' }, ` · ${t('offerings.foreignCurrency', { currency: o.currency, shopCurrency: currency })}`) : '',
        dealStockLine(o, shop.timezone),
      ),
      h(
        'span',
        { class: 'row wrap actions' },
        h('span', { class: 'price' }, formatMoney(o.price_cents, o.currency)),
        h('button', { type: 'button', 'aria-label': t('offerings.editLabel', { name: o.name }), onclick: edit }, t('offerings.edit')),
        o.currency === currency ? h('button', { type: 'button', onclick: () => change('PATCH', { active: o.active === false }) }, o.active === false ? t('offerings.resume') : t('offerings.pause')) : '',
        h('button', { type: 'button', class: 'danger', 'aria-label': t('offerings.deleteLabel', { name: o.name }), onclick: () => confirm(t('offerings.deleteConfirm', { name: o.name })) && change('DELETE') }, t('console.delete')),
      ),
    )
    return li
  }

  // An error stays until the person changes something.
  form.addEventListener('input', () => {
    formError(form, null)
    deal.preview(String(new FormData(form).get('price') ?? ''))
  })
  form.addEventListener('submit', async (e) => {
    e.preventDefault()
    const data = new FormData(form)
    const name = String(data.get('name') ?? '').trim()
    const price = parseMoney(String(data.get('price') ?? ''), currency)
    if (!name) return formError(form, t('offerings.needName'))
    if (price === undefined) return formError(form, t('offerings.needPrice', { example: examplePrice(currency) }))
    const dealInput = deal.read(price)
    if (!dealInput.ok) return formError(form, dealInput.message)
    const body = {
      ...(dealInput.body ?? {}),
      name,
      kind: kind.value,
      price_cents: price,
      capacity: Number(data.get('capacity')) || 1,
      ...(kind.value === 'service' ? { duration_min: Number(duration.value) || 30 } : {}),
    }
    try {
      await api(`/v1/merchants/${shop.id}/offerings`, { method: 'POST', body, token: session.token })
      formError(form, null)
      form.reset()
      durationField.hidden = false
      deal.reset()
      deal.showFor(kind.value)
      announce(t('offerings.added', { name }), 'success')
      await load()
    } catch (err) {
      formError(form, messageOf(err))
    }
  })
  void load()
  return h('section', { class: 'card stack', 'aria-labelledby': 'offerings-title' }, h('h2', { id: 'offerings-title' }, t('offerings.title')), list, form)
}
