import { currencyExponent } from '../../money/currencies'
import { formatMoney as formatAmount, parseAmount } from '../../money/format'
import { locale, t } from './i18n'

/** Digits after the decimal point in `currency` per ISO 4217 (JPY 0, CNY 2, KWD 3…). */
export function minorDigits(currency: string): number {
  return currencyExponent(currency)
}

/**
 * Integer minor units as a price in the reader's locale, with the currency's own ISO 4217
 * decimals (src/money): formatMoney(2550, 'CNY') → "CN¥25.50", formatMoney(1234, 'JPY') → "¥1,234",
 * formatMoney(1234, 'KWD') → "KWD 1.234".
 */
export function formatMoney(minorUnits: number, currency: string): string {
  return formatAmount({ amountMinor: minorUnits, currency }, locale())
}

/** A price typed by a person ("25.5") in minor units, or undefined when it is not a valid amount. */
export function parseMoney(text: string, currency: string): number | undefined {
  return parseAmount(text, currency)
}

/** A price in `currency` as a person types it: "25.00", "2500" in JPY, "2.500" in KWD. */
export function moneyInputValue(minorUnits: number, currency: string): string {
  const digits = currencyExponent(currency)
  return (minorUnits / 10 ** digits).toFixed(digits)
}

/** "350 m" or "2.4 km". */
export function formatDistance(meters: number | null | undefined): string {
  if (meters === null || meters === undefined || Number.isNaN(meters)) return ''
  if (meters < 1000) return t('distance.m', { n: Math.round(meters) })
  return t('distance.km', { n: (meters / 1000).toFixed(meters < 10_000 ? 1 : 0) })
}

/** "4.6 ★ (120)" or "No reviews yet". */
export function formatRating(rating: number | string | null | undefined, count: number | undefined): string {
  const value = rating === null || rating === undefined ? NaN : Number(rating)
  if (!count || Number.isNaN(value)) return t('rating.none')
  return t('rating.value', { value: value.toFixed(1), count })
}

/** A timestamp as a short date and time in the interface language (in `timeZone` when given: a shop's times are the shop's). */
export function formatWhen(iso: string, timeZone?: string): string {
  const at = new Date(iso)
  if (Number.isNaN(at.getTime())) return iso
  try {
    return at.toLocaleString(locale(), { dateStyle: 'medium', timeStyle: 'short', ...(timeZone ? { timeZone } : {}) })
  } catch {
    return at.toLocaleString(locale(), { dateStyle: 'medium', timeStyle: 'short' })
  }
}

/** A time of day ("14:30" / "下午2:30") of `iso` in `timeZone`. */
export function formatTime(iso: string, timeZone: string): string {
  return new Date(iso).toLocaleTimeString(locale(), { hour: '2-digit', minute: '2-digit', timeZone })
}

/** Great-circle distance in metres (haversine; good to well under 1 % at city scale). */
export function distanceMeters(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = Math.PI / 180
  const dLat = (b.lat - a.lat) * rad
  const dLng = (b.lng - a.lng) * rad
  const s = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2
  return 2 * 6_371_008.8 * Math.asin(Math.min(1, Math.sqrt(s)))
}
