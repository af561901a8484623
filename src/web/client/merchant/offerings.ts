import { api, messageOf, rows } from '../api'
import type { Session } from '../auth'
import { announce, field, formError, h } from '../dom'
import { formatMoney, minorDigits, parseMoney } from '../format'
import { hasMessage, type MessageKey, t } from '../i18n'

const kindName = (kind: string) => (hasMessage(`offerings.kind.${kind}`) ? t(`offerings.kind.${kind}` as MessageKey) : kind)
const priceExample = (currency: string) => (minorDigits(currency) ? '25.00' : '25')
import type { Offering, Storefront } from '../storefront'

const CURRENCIES = ['CNY', 'USD', 'EUR', 'GBP', 'JPY', 'HKD', 'SGD']

function defaultCurrency(timezone: string): string {
  if (timezone.startsWith('Asia/Shanghai') || timezone === 'Asia/Chongqing') return 'CNY'
  if (timezone.startsWith('America/')) return 'USD'
  if (timezone === 'Europe/London') return 'GBP'
  if (timezone.startsWith('Europe/')) return 'EUR'
  if (timezone === 'Asia/Tokyo') return 'JPY'
  return 'USD'
}

/** The offerings section: what the storefront sells, with add, pause/resume and delete. */
export function offeringsSection(session: Session, shop: Storefront): HTMLElement {
  const list = h('ul', { class: 'offering-admin', 'aria-live': 'polite' })
  const currency = h('select', { name: 'currency' }, ...CURRENCIES.map((c) => h('option', { value: c }, c)))
  currency.value = defaultCurrency(shop.timezone)
  const kind = h('select', { name: 'kind' }, ...['service', 'product', 'voucher'].map((k) => h('option', { value: k }, kindName(k))))
  const duration = h('input', { name: 'duration_min', type: 'number', min: 5, max: 1440, value: 30 })
  const durationField = field(t('offerings.duration'), duration)
  kind.addEventListener('change', () => (durationField.hidden = kind.value !== 'service'))
  const form = h(
    'form',
    { class: 'stack add-offering', novalidate: true, 'aria-label': t('offerings.add') },
    h('h3', {}, t('offerings.add')),
    h('p', { class: 'form-error', role: 'alert', hidden: true }),
    field(t('offerings.name'), h('input', { name: 'name', required: true, maxlength: 120 })),
    h('div', { class: 'row wrap' }, field(t('offerings.kind'), kind), field(t('offerings.price'), h('input', { name: 'price', inputmode: 'decimal', required: true, placeholder: '25.00' })), field(t('offerings.currency'), currency)),
    h('div', { class: 'row wrap' }, durationField, field(t('offerings.capacity'), h('input', { name: 'capacity', type: 'number', min: 1, value: 1 }))),
    h('button', { type: 'submit', class: 'primary' }, t('offerings.addButton')),
  )

  async function load() {
    try {
      const items = rows(await api<Offering[] | { data: Offering[] }>(`/v1/merchants/${shop.id}/offerings`, { token: session.token }))
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
      const digits = minorDigits(o.currency)
      const name = h('input', { value: o.name, required: true, maxlength: 120, 'aria-label': t('offerings.newName', { name: o.name }) })
      const price = h('input', { value: (o.price_cents / 10 ** digits).toFixed(digits), inputmode: 'decimal', class: 'price-input', 'aria-label': t('offerings.newPrice', { name: o.name, currency: o.currency }) })
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
        const cents = parseMoney(price.value, o.currency)
        if (!name.value.trim() || cents === undefined) return announce(t('offerings.needNameAndPrice', { example: priceExample(o.currency) }), 'error')
        void change('PATCH', { name: name.value.trim(), price_cents: cents })
      })
      li.replaceChildren(editor)
      name.focus()
    }
    const li = h(
      'li',
      { class: 'row spread', 'data-id': o.id },
      h('span', {}, h('strong', {}, o.name), ` · ${kindName(o.kind)}${o.duration_min ? ` · ${t('checkout.minutes', { n: o.duration_min })}` : ''}${o.active === false ? ` · ${t('offerings.paused')}` : ''}`),
      h(
        'span',
        { class: 'row wrap actions' },
        h('span', { class: 'price' }, formatMoney(o.price_cents, o.currency)),
        h('button', { type: 'button', 'aria-label': t('offerings.editLabel', { name: o.name }), onclick: edit }, t('offerings.edit')),
        h('button', { type: 'button', onclick: () => change('PATCH', { active: o.active === false }) }, o.active === false ? t('offerings.resume') : t('offerings.pause')),
        h('button', { type: 'button', class: 'danger', 'aria-label': t('offerings.deleteLabel', { name: o.name }), onclick: () => confirm(t('offerings.deleteConfirm', { name: o.name })) && change('DELETE') }, t('console.delete')),
      ),
    )
    return li
  }

  // An error stays until the person changes something.
  form.addEventListener('input', () => formError(form, null))
  form.addEventListener('submit', async (e) => {
    e.preventDefault()
    const data = new FormData(form)
    const name = String(data.get('name') ?? '').trim()
    const price = parseMoney(String(data.get('price') ?? ''), currency.value)
    if (!name) return formError(form, t('offerings.needName'))
    if (price === undefined) return formError(form, t('offerings.needPrice', { example: priceExample(currency.value) }))
    const body = {
      name,
      kind: kind.value,
      price_cents: price,
      currency: currency.value,
      capacity: Number(data.get('capacity')) || 1,
      ...(kind.value === 'service' ? { duration_min: Number(duration.value) || 30 } : {}),
    }
    try {
      await api(`/v1/merchants/${shop.id}/offerings`, { method: 'POST', body, token: session.token })
      formError(form, null)
      form.reset()
      currency.value = defaultCurrency(shop.timezone)
      durationField.hidden = false
      announce(t('offerings.added', { name }), 'success')
      await load()
    } catch (err) {
      formError(form, messageOf(err))
    }
  })
  void load()
  return h('section', { class: 'card stack', 'aria-labelledby': 'offerings-title' }, h('h2', { id: 'offerings-title' }, t('offerings.title')), list, form)
}
