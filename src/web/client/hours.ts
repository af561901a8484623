import { DAY_MINUTES, localWeekMinute, minuteOfDay, openShiftAt, type Shift, shiftMinutes, WEEK_MINUTES } from '../../geo/hours'
import { t, type MessageKey } from './i18n'

export type { Shift }

/** Weekday names in the interface language, Sunday first. */
export const dayName = (day: number) => t(`day.${day}` as MessageKey)

/** "Open now · until 02:00" / "Closed · opens Tuesday 09:00" / "Closed" for the shop's hours. */
export function openStatus(shifts: Shift[], timeZone: string, at = new Date()): { open: boolean; text: string } {
  if (shifts.length === 0) return { open: false, text: t('hours.none') }
  const local = localWeekMinute(at, timeZone)
  const now = local.day * DAY_MINUTES + local.minute
  const open = openShiftAt(shifts, local)
  if (open) return { open: true, text: shiftMinutes(open) === DAY_MINUTES ? t('hours.open24') : t('hours.openUntil', { time: open.close }) }
  let next: Shift | undefined
  let wait = Infinity
  for (const s of shifts) {
    const w = (s.day * DAY_MINUTES + minuteOfDay(s.open) - now + WEEK_MINUTES) % WEEK_MINUTES
    if (w < wait) [wait, next] = [w, s]
  }
  if (!next) return { open: false, text: t('hours.closed') }
  const when = wait < DAY_MINUTES - local.minute ? t('hours.today') : wait < 2 * DAY_MINUTES - local.minute ? t('hours.tomorrow') : dayName(next.day)
  return { open: false, text: t('hours.opensAt', { when, time: next.open }) }
}

/** One line per weekday, e.g. "Friday: 18:00–02:00 (next day)" or "Monday: closed". */
export function weekLines(shifts: Shift[]): Array<{ day: string; hours: string }> {
  return [0, 1, 2, 3, 4, 5, 6].map((day) => {
    const name = dayName(day)
    const today = shifts.filter((s) => s.day === day).sort((a, b) => minuteOfDay(a.open) - minuteOfDay(b.open))
    const hours = today
      .map((s) => (shiftMinutes(s) === DAY_MINUTES ? t('hours.allDay') : `${s.open}–${s.close}${minuteOfDay(s.close) <= minuteOfDay(s.open) ? ` ${t('hours.nextDay')}` : ''}`))
      .join(', ')
    return { day: name, hours: hours || t('hours.closedDay') }
  })
}

/**
 * The instant at which the shop's wall clock in `timeZone` reads `local` ("2026-11-24T10:00"),
 * as an ISO string with offset — so a booking means shop time wherever the customer is.
 */
export function shopTimeToIso(local: string, timeZone: string): string {
  const [date = '', time = '00:00'] = local.split('T')
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number]
  const [hh, mm] = time.split(':').map(Number) as [number, number]
  const wall = Date.UTC(y, mo - 1, d, hh, mm)
  const offsetAt = (instant: number) => {
    const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).formatToParts(new Date(instant))
    const get = (t: string) => Number(parts.find((p) => p.type === t)?.value)
    return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute')) - instant
  }
  // Two passes settle instants near a daylight-saving change.
  let instant = wall - offsetAt(wall)
  instant = wall - offsetAt(instant)
  return new Date(instant).toISOString()
}

/** The calendar date ("2026-11-24") of `at` in `timeZone`. */
export function localDateIn(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at)
}
