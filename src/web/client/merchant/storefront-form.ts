import tzlookup from '@photostructure/tz-lookup'
import { api, type AppConfig, messageOf, rows } from '../api'
import type { Session } from '../auth'
import { announce, field, formError, h } from '../dom'
import { categoryName, t } from '../i18n'
import type { Storefront } from '../storefront'
import { photoPicker } from '../reviews/photo-picker'
import { createHoursEditor } from './hours-editor'
import { createLocationPicker } from './location-picker'
import { CURRENCY_CODES, type CurrencyCode } from '../../../money/currencies'

type Category = { slug: string; name: string; name_en?: string; name_zh?: string | null }

/**
 * The currency a shop in `timezone` most likely sells in, to preselect; the server defaults the
 * same way when none is sent (migration 0017, storefront_default_currency) and USD otherwise.
 */
function currencyForZone(timezone: string): CurrencyCode {
  const exact: Record<string, CurrencyCode> = {
    'Asia/Shanghai': 'CNY', 'Asia/Urumqi': 'CNY', 'Asia/Hong_Kong': 'HKD', 'Asia/Tokyo': 'JPY', 'Asia/Seoul': 'KRW',
    'Asia/Singapore': 'SGD', 'Asia/Kuala_Lumpur': 'MYR', 'Asia/Bangkok': 'THB', 'Asia/Jakarta': 'IDR', 'Asia/Kolkata': 'INR',
    'Asia/Manila': 'PHP', 'Asia/Ho_Chi_Minh': 'VND', 'Asia/Kuwait': 'KWD', 'Asia/Bahrain': 'BHD', 'Asia/Amman': 'JOD',
    'Asia/Muscat': 'OMR', 'Africa/Tunis': 'TND', 'Asia/Dubai': 'AED', 'Asia/Riyadh': 'SAR', 'Asia/Qatar': 'QAR',
    'Asia/Jerusalem': 'ILS', 'Europe/Istanbul': 'TRY', 'Europe/London': 'GBP', 'Europe/Zurich': 'CHF', 'Europe/Stockholm': 'SEK',
    'Europe/Oslo': 'NOK', 'Europe/Copenhagen': 'DKK', 'Europe/Warsaw': 'PLN', 'Europe/Prague': 'CZK', 'Pacific/Auckland': 'NZD',
    'America/Toronto': 'CAD', 'America/Vancouver': 'CAD', 'America/Mexico_City': 'MXN', 'America/Sao_Paulo': 'BRL', 'Africa/Johannesburg': 'ZAR',
  }
  const euro = ['Amsterdam', 'Athens', 'Berlin', 'Brussels', 'Dublin', 'Helsinki', 'Lisbon', 'Madrid', 'Paris', 'Rome', 'Vienna']
  if (exact[timezone]) return exact[timezone]
  if (euro.some((city) => timezone === `Europe/${city}`)) return 'EUR'
  if (timezone.startsWith('Australia/')) return 'AUD'
  return 'USD'
}

function timeZones(): string[] {
  const intl = Intl as unknown as { supportedValuesOf?: (k: string) => string[] }
  return intl.supportedValuesOf?.('timeZone') ?? ['UTC', 'Asia/Shanghai', 'America/New_York', 'Europe/London']
}

// The server's MAX_STOREFRONT_PHOTOS (src/merchants/merchants.schemas.ts).
const MAX_STOREFRONT_PHOTOS = 9

/**
 * Create or edit a storefront: details, category, tags, photos (the first is the cover shown in
 * listings and on the map), time zone, hours and location. Resolves
 * `onSaved` with the saved storefront (a new one starts as a draft).
 */
export async function storefrontForm(
  session: Session,
  config: AppConfig,
  shop: Storefront | null,
  onSaved: (s: Storefront) => void,
): Promise<HTMLFormElement & { attachMap: () => void }> {
  const categories = rows(await api<Category[] | { data: Category[] }>('/v1/categories').catch((): Category[] => []))
  const fallback = config.cities[0] ?? { lat: 30.2741, lng: 120.1551 }
  const zone = h('select', { name: 'timezone', required: true }, ...timeZones().map((z) => h('option', { value: z }, z.replace(/_/g, ' '))))
  // The shop's zone comes from where it is (a boundary lookup), never from the browser's clock.
  const setZoneFor = (at: { lat: number; lng: number }) => {
    const found = tzlookup(at.lat, at.lng)
    if (![...zone.options].some((o) => o.value === found)) zone.append(h('option', { value: found }, found.replace(/_/g, ' ')))
    zone.value = found
  }
  if (shop?.timezone) zone.value = shop.timezone
  else setZoneFor(shop?.location ?? fallback)
  // The storefront's currency: offerings, coupons and orders inherit it. A new shop follows its
  // pin's time zone until the owner picks one.
  const currency = h('select', { name: 'currency', required: true }, ...CURRENCY_CODES.map((c) => h('option', { value: c }, c)))
  let currencyPicked = Boolean(shop)
  currency.value = shop?.currency ?? currencyForZone(zone.value)
  currency.addEventListener('change', () => (currencyPicked = true))
  zone.addEventListener('change', () => currencyPicked || (currency.value = currencyForZone(zone.value)))
  const radius = h('input', { name: 'service_radius_m', type: 'number', inputmode: 'numeric', min: 1, max: 50000, step: 1, value: (shop as { service_radius_m?: number | null } | null)?.service_radius_m ?? '' })
  const category = h('select', { name: 'category', required: true }, h('option', { value: '' }, t('form.chooseCategory')), ...categories.map((c) => h('option', { value: c.slug }, categoryName(c))))
  category.value = shop?.category ?? ''
  const hours = createHoursEditor(shop?.hours)
  const picker = createLocationPicker(config.mapTileUrl, shop?.location, fallback)
  const photos = photoPicker(session, shop?.photos ?? [], { max: MAX_STOREFRONT_PHOTOS, legend: t('photos.legend'), cover: true })

  const save = h('button', { type: 'submit', class: 'primary' }, shop ? t('form.save') : t('form.create'))
  const form = h(
    'form',
    { class: 'stack storefront-form', novalidate: true, 'aria-labelledby': 'storefront-form-title' },
    h('h2', { id: 'storefront-form-title' }, shop ? t('form.detailsTitle') : t('form.newTitle')),
    h('p', { class: 'form-error', role: 'alert', hidden: true }),
    field(t('form.name'), h('input', { name: 'name', required: true, maxlength: 120, value: shop?.name ?? '' })),
    field(t('form.description'), h('textarea', { name: 'description', rows: 2, maxlength: 2000 }, shop?.description ?? '')),
    field(t('form.category'), category),
    field(t('form.tags'), h('input', { name: 'tags', value: shop?.tags.join(', ') ?? '' }), t('form.tagsHint')),
    field(t('form.address'), h('input', { name: 'address', maxlength: 300, value: shop?.address ?? '' })),
    field(t('form.phone'), h('input', { name: 'phone', type: 'tel', maxlength: 40, value: shop?.phone ?? '' })),
    photos.element,
    field(t('form.timezone'), zone, t('form.timezoneHint')),
    field(t('form.currency'), currency, t('form.currencyHint')),
    field(t('form.radius'), radius, t('form.radiusHint')),
    hours.element,
    h(
      'fieldset',
      { class: 'stack' },
      h('legend', {}, t('form.location')),
      h('p', { class: 'muted' }, t('form.locationHelp')),
      picker.mapEl,
      picker.notice,
      h('div', { class: 'row' }, field(t('form.lat'), picker.lat), field(t('form.lng'), picker.lng)),
    ),
    save,
  )

  form.addEventListener('pinned', (e) => {
    setZoneFor((e as CustomEvent<{ lat: number; lng: number }>).detail)
    if (!currencyPicked) currency.value = currencyForZone(zone.value)
  })
  // An error stays until the person changes something.
  form.addEventListener('input', () => formError(form, null))
  form.addEventListener('submit', async (e) => {
    e.preventDefault()
    const data = new FormData(form)
    const location = picker.value()
    const text = (k: string) => String(data.get(k) ?? '').trim()
    if (!text('name')) return formError(form, t('form.needName'))
    if (!text('category')) return formError(form, t('form.needCategory'))
    if (!location) return formError(form, t('form.needLocation'))
    save.disabled = true
    if (photos.busy()) {
      save.textContent = t('photos.waiting')
      await photos.settled()
      save.textContent = shop ? t('form.save') : t('form.create')
    }
    if (photos.failed()) {
      save.disabled = false
      return formError(form, t('photos.someFailed'))
    }
    const body = {
      name: text('name'),
      description: text('description') || null,
      category: text('category'),
      tags: text('tags').split(',').map((t) => t.trim()).filter(Boolean),
      address: text('address') || null,
      phone: text('phone') || null,
      timezone: text('timezone'),
      currency: text('currency'),
      service_radius_m: text('service_radius_m') ? Math.round(Number(text('service_radius_m'))) : null,
      hours: hours.value(),
      location,
      photo_ids: photos.ids(),
    }
    formError(form, null)
    try {
      const saved = shop
        ? await api<Storefront>(`/v1/merchants/${shop.id}`, { method: 'PATCH', body, token: session.token })
        : await api<Storefront>('/v1/merchants', { method: 'POST', body, token: session.token })
      announce(shop ? t('form.saved') : t('form.created'), 'success')
      onSaved(saved)
    } catch (err) {
      formError(form, messageOf(err))
    } finally {
      save.disabled = false
    }
  })
  return Object.assign(form, { attachMap: () => picker.attach() })
}
