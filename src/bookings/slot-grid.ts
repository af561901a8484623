import { DAY_MINUTES, minuteOfDay, shiftMinutes, WEEK_MINUTES } from '../geo/hours'
import type { OpeningShift } from '../merchants/merchant.table'
import { utcOffsetMinutes } from './local-time'

/**
 * Whether `start` is one of the slots /availability offers: inside a shift, a whole number of
 * `durationMin` steps after that shift opens (in the shop's local time), to the second.
 * An off-grid start (10:07 on a 30-minute grid) would straddle two slots.
 */
export function onSlotGrid(shifts: readonly OpeningShift[], timeZone: string, start: Date, durationMin: number): boolean {
  if (start.getUTCSeconds() !== 0 || start.getUTCMilliseconds() !== 0) return false
  const local = new Date(start.getTime() + utcOffsetMinutes(start, timeZone) * 60_000)
  const weekMinute = local.getUTCDay() * DAY_MINUTES + local.getUTCHours() * 60 + local.getUTCMinutes()
  return shifts.some((shift) => {
    const into = (weekMinute - (shift.day * DAY_MINUTES + minuteOfDay(shift.open)) + WEEK_MINUTES) % WEEK_MINUTES
    return into + durationMin <= shiftMinutes(shift) && into % durationMin === 0
  })
}

/** The first slot starts of a shift, for an error message: "10:00, 10:30, 11:00…". */
export function gridExample(open: string, durationMin: number): string {
  const first = minuteOfDay(open)
  const at = (m: number) => `${String(Math.floor((m % DAY_MINUTES) / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`
  return `${at(first)}, ${at(first + durationMin)}, ${at(first + 2 * durationMin)}…`
}
