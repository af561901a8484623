import { field, h } from '../dom'
import { formatMoney, minorDigits, moneyInputValue, parseMoney } from '../format'
import { localDateIn, shopTimeToIso } from '../hours'
import { t } from '../i18n'
import type { Offering, Storefront } from '../storefront'

/** The deal part of a new offering's body, or an error message for the person. */
export type DealInput = { ok: true; body: { face_value_cents: number; stock: number | null; valid_until: string | null } | null } | { ok: false; message: string }

/**
 * The deal fields of the offering form (vouchers only): face value, stock, last day — all in the
 * storefront's currency and time zone — with the saving shown as the owner types.
 */
export function dealFields(shop: Storefront) {
  const currency = shop.currency
  const example = moneyInputValue(5000 * 10 ** minorDigits(currency) / 100, currency)
  const isDeal = h('input', { type: 'checkbox', name: 'is_deal' })
  const face = h('input', { name: 'face_value', inputmode: 'decimal', placeholder: example })
  const stock = h('input', { name: 'stock', type: 'number', min: 0, max: 1_000_000, placeholder: t('dealForm.stockUnlimited') })
  const until = h('input', { name: 'valid_until', type: 'date', min: localDateIn(new Date(), shop.timezone) })
  const saving = h('p', { class: 'deal-saving-preview', 'aria-live': 'polite' })
  const details = h(
    'div',
    { class: 'stack deal-fields', hidden: true },
    h(
      'div',
      { class: 'row wrap' },
      field(t('dealForm.faceValue', { currency }), face, t('dealForm.faceValueHint')),
      field(t('dealForm.stock'), stock, t('dealForm.stockHint')),
      field(t('dealForm.validUntil'), until, t('dealForm.validUntilHint', { timezone: shop.timezone })),
    ),
    saving,
  )
  const toggle = h('label', { class: 'radio deal-toggle' }, isDeal, t('dealForm.sellAsDeal'))
  const root = h('div', { class: 'stack', hidden: true }, toggle, details)
  isDeal.addEventListener('change', () => (details.hidden = !isDeal.checked))

  /** Recomputes the saving line from the price typed in the form. */
  function preview(priceText: string) {
    const price = parseMoney(priceText, currency)
    const value = parseMoney(face.value, currency)
    saving.textContent =
      price !== undefined && value !== undefined && value > price
        ? t('dealForm.saving', { amount: formatMoney(value - price, currency), percent: Math.round(((value - price) / value) * 100) })
        : ''
  }

  /** Validates the deal fields against `priceCents`: price below face value, stock ≥ 0, last day not past. */
  function read(priceCents: number): DealInput {
    if (root.hidden || !isDeal.checked) return { ok: true, body: null }
    const value = parseMoney(face.value, currency)
    if (value === undefined || value <= 0) return { ok: false, message: t('dealForm.err.faceValue', { example }) }
    if (priceCents >= value) return { ok: false, message: t('dealForm.err.priceBelowFace', { face: formatMoney(value, currency) }) }
    const stockText = stock.value.trim()
    const stockCount = stockText === '' ? null : Number(stockText)
    if (stockCount !== null && !(Number.isInteger(stockCount) && stockCount >= 0)) return { ok: false, message: t('dealForm.err.stock') }
    // The last day ends at the shop's midnight, wherever the owner's browser is.
    const validUntil = until.value ? new Date(Date.parse(shopTimeToIso(`${until.value}T23:59`, shop.timezone)) + 59_000).toISOString() : null
    if (validUntil && Date.parse(validUntil) <= Date.now()) return { ok: false, message: t('dealForm.err.validUntil') }
    return { ok: true, body: { face_value_cents: value, stock: stockCount, valid_until: validUntil } }
  }

  return {
    root,
    preview,
    read,
    /** Shows the deal fields for vouchers only. */
    showFor(kind: string) {
      root.hidden = kind !== 'voucher'
    },
    reset() {
      isDeal.checked = false
      details.hidden = true
      saving.textContent = ''
    },
  }
}

/** "Deal: worth ¥50.00, save ¥12.00 · 8 of 20 sold · 12 left" for the console's list; null for a plain offering. */
export function dealStockLine(o: Offering, timeZone: string): HTMLElement | null {
  if (!o.deal) return null
  const { face_value_cents, saving_cents, stock, remaining } = o.deal
  const parts = [t('dealForm.listWorth', { face: formatMoney(face_value_cents, o.currency), saving: formatMoney(saving_cents, o.currency) })]
  if (stock === null) parts.push(t('dealForm.listUnlimited'))
  else parts.push(t('dealForm.listSold', { sold: stock - (remaining ?? 0), stock }), remaining ? t('deal.left', { count: remaining }) : t('deal.soldOut'))
  if (o.deal.valid_until) parts.push(t('dealForm.listUntil', { date: new Date(o.deal.valid_until).toLocaleDateString(undefined, { timeZone }) }))
  return h('span', { class: 'deal-admin', 'data-deal': o.id }, h('span', { class: 'badge deal' }, t('deal.badge')), ` ${parts.join(' · ')}`)
}
