import { allPages, api, messageOf } from '../api'
import type { Session } from '../auth'
import { announce, field, formError, h } from '../dom'
import { formatMoney, minorDigits, parseMoney } from '../format'
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
  const kind = h('select', { name: 'kind' }, h('option', { value: 'service' }, 'Service'), h('option', { value: 'product' }, 'Product'), h('option', { value: 'voucher' }, 'Voucher'))
  const duration = h('input', { name: 'duration_min', type: 'number', min: 5, max: 1440, value: 30 })
  const durationField = field('Duration (minutes)', duration)
  kind.addEventListener('change', () => (durationField.hidden = kind.value !== 'service'))
  const form = h(
    'form',
    { class: 'stack add-offering', novalidate: true, 'aria-label': 'Add an offering' },
    h('h3', {}, 'Add an offering'),
    h('p', { class: 'form-error', role: 'alert', hidden: true }),
    field('Name', h('input', { name: 'name', required: true, maxlength: 120 })),
    h('div', { class: 'row wrap' }, field('Kind', kind), field('Price', h('input', { name: 'price', inputmode: 'decimal', required: true, placeholder: '25.00' })), field('Currency', currency)),
    h('div', { class: 'row wrap' }, durationField, field('Capacity', h('input', { name: 'capacity', type: 'number', min: 1, value: 1 }))),
    h('button', { type: 'submit', class: 'primary' }, 'Add offering'),
  )

  async function load() {
    try {
      const items = await allPages<Offering>(`/v1/merchants/${shop.id}/offerings`, { token: session.token })
      list.replaceChildren(...(items.length ? items.map(row) : [h('li', { class: 'muted' }, 'No offerings yet.')]))
    } catch (err) {
      list.replaceChildren(h('li', { class: 'form-error', role: 'alert' }, messageOf(err)))
    }
  }
  function row(o: Offering) {
    const change = async (method: 'PATCH' | 'DELETE', body?: unknown) => {
      try {
        await api(`/v1/offerings/${o.id}`, { method, body, token: session.token })
        announce(method === 'DELETE' ? `${o.name} removed.` : `${o.name} updated.`, 'success')
        await load()
      } catch (err) {
        announce(messageOf(err), 'error')
      }
    }
    const edit = () => {
      const digits = minorDigits(o.currency)
      const name = h('input', { value: o.name, required: true, maxlength: 120, 'aria-label': `New name for ${o.name}` })
      const price = h('input', { value: (o.price_cents / 10 ** digits).toFixed(digits), inputmode: 'decimal', class: 'price-input', 'aria-label': `New price for ${o.name}, ${o.currency}` })
      const editor = h(
        'form',
        { class: 'row wrap inline-edit' },
        name,
        price,
        h('button', { type: 'submit', class: 'primary' }, 'Save'),
        h('button', { type: 'button', onclick: () => li.replaceWith(row(o)) }, 'Cancel'),
      )
      editor.addEventListener('submit', (e) => {
        e.preventDefault()
        const cents = parseMoney(price.value, o.currency)
        if (!name.value.trim() || cents === undefined) return announce(`Enter a name and a price like 25${digits ? '.00' : ''}.`, 'error')
        void change('PATCH', { name: name.value.trim(), price_cents: cents })
      })
      li.replaceChildren(editor)
      name.focus()
    }
    const li = h(
      'li',
      { class: 'row spread', 'data-id': o.id },
      h('span', {}, h('strong', {}, o.name), ` · ${o.kind}${o.duration_min ? ` · ${o.duration_min} min` : ''}${o.active === false ? ' · paused' : ''}`),
      h(
        'span',
        { class: 'row wrap actions' },
        h('span', { class: 'price' }, formatMoney(o.price_cents, o.currency)),
        h('button', { type: 'button', 'aria-label': `Edit ${o.name}`, onclick: edit }, 'Edit'),
        h('button', { type: 'button', onclick: () => change('PATCH', { active: o.active === false }) }, o.active === false ? 'Resume' : 'Pause'),
        h('button', { type: 'button', class: 'danger', 'aria-label': `Delete ${o.name}`, onclick: () => confirm(`Delete ${o.name}?`) && change('DELETE') }, 'Delete'),
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
    if (!name) return formError(form, 'Name the offering.')
    if (price === undefined) return formError(form, `Enter a price like 25${minorDigits(currency.value) ? '.00' : ''}.`)
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
      announce(`${name} added.`, 'success')
      await load()
    } catch (err) {
      formError(form, messageOf(err))
    }
  })
  void load()
  return h('section', { class: 'card stack', 'aria-labelledby': 'offerings-title' }, h('h2', { id: 'offerings-title' }, 'Offerings'), list, form)
}
