import { DAY_MINUTES, minuteOfDay, shiftMinutes, WEEK_MINUTES } from '../geo/hours'
import type { OpeningShift } from '../merchants/merchant.table'

/** How far `timeZone` is ahead of UTC at the instant `at`, in minutes. */
export function utcOffsetMinutes(at: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at)
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0)
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'))
  return Math.round((wall - Math.floor(at.getTime() / 1000) * 1000) / 60_000)
}

/** The instant when the local clock in `timeZone` shows `date` (YYYY-MM-DD) plus `minute` minutes. */
export function zonedInstant(date: string, minute: number, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  const wall = Date.UTC(y, m - 1, d, 0, minute)
  const first = wall - utcOffsetMinutes(new Date(wall), timeZone) * 60_000
  return new Date(wall - utcOffsetMinutes(new Date(first), timeZone) * 60_000)
}

/** ISO 8601 in the zone's local time with its UTC offset, e.g. 2026-11-24T10:00:00+08:00. */
export function formatLocal(at: Date, timeZone: string): string {
  const offset = utcOffsetMinutes(at, timeZone)
  const local = new Date(at.getTime() + offset * 60_000).toISOString().slice(0, 19)
  const abs = Math.abs(offset)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${local}${offset < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
}

/** The local calendar date (YYYY-MM-DD) of `at` in `timeZone`. */
export function localDate(at: Date, timeZone: string): string {
  return formatLocal(at, timeZone).slice(0, 10)
}

/** 0 = Sunday … 6 = Saturday for a YYYY-MM-DD date. */
export function weekdayOf(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay()
}

/** Whether [start, end) lies inside one opening shift, read on the storefront's local clock. */
export function withinOpeningHours(shifts: readonly OpeningShift[], timeZone: string, start: Date, end: Date): boolean {
  const local = new Date(start.getTime() + utcOffsetMinutes(start, timeZone) * 60_000)
  const weekMinute = local.getUTCDay() * DAY_MINUTES + local.getUTCHours() * 60 + local.getUTCMinutes()
  const length = (end.getTime() - start.getTime()) / 60_000
  return shifts.some((shift) => {
    const opens = shift.day * DAY_MINUTES + minuteOfDay(shift.open)
    return ((weekMinute - opens + WEEK_MINUTES) % WEEK_MINUTES) + length <= shiftMinutes(shift)
  })
}
