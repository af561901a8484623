import type { FieldError } from '../errors'

/** One opening shift in local time; `close` at or before `open` ends after midnight (00:00–00:00 is 24 h). */
export interface Shift {
  /** 0 = Sunday … 6 = Saturday. */
  day: number
  open: string
  close: string
}

/** `HH:MM`, 00:00–23:59. */
export const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/
export const DAY_MINUTES = 1440
export const WEEK_MINUTES = 7 * DAY_MINUTES
const DAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']

/** Minutes after midnight of an `HH:MM` time. */
export function minuteOfDay(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5))
}

/** Where a shift starts in the week (minutes after Sunday 00:00) and how long it lasts. */
function span(shift: Shift): { start: number; length: number } {
  const open = minuteOfDay(shift.open)
  const close = minuteOfDay(shift.close)
  return { start: shift.day * DAY_MINUTES + open, length: close > open ? close - open : close - open + DAY_MINUTES }
}

/** How long a shift lasts, in minutes (1440 for 00:00–00:00). */
export function shiftMinutes(shift: Shift): number {
  return span(shift).length
}

function describe(shift: Shift): string {
  return `${DAY_NAMES[shift.day]} ${shift.open}–${shift.close}`
}

/**
 * Field errors for shifts that overlap another one, wrapping around the week (a Saturday night
 * shift runs into Sunday). Expects each shift already well-formed (day 0–6, HH:MM times).
 * @example overlappingShifts([{ day: 1, open: '20:00', close: '02:00' }, { day: 2, open: '01:00', close: '09:00' }])
 *   // [{ path: 'hours[1].open', message: 'Tue 01:00–09:00 starts before hours[0] (Mon 20:00–02:00) ends' }]
 */
export function overlappingShifts(shifts: readonly Shift[], field = 'hours'): FieldError[] {
  const spans = shifts.map(span)
  const errors: FieldError[] = []
  spans.forEach((later, j) => {
    const clash = spans.findIndex((earlier, i) => {
      if (i === j) return false
      const offset = (later.start - earlier.start + WEEK_MINUTES) % WEEK_MINUTES
      // Two shifts starting together: report only the second one listed.
      return offset === 0 ? i < j : offset < earlier.length
    })
    if (clash >= 0) {
      const other = shifts[clash] as Shift
      errors.push({
        path: `${field}[${j}].open`,
        message: `${describe(shifts[j] as Shift)} starts before ${field}[${clash}] (${describe(other)}) ends`,
      })
    }
  })
  return errors
}

const clocks = new Map<string, Intl.DateTimeFormat>()
const WEEKDAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 }

/**
 * Weekday (0 = Sunday) and minute of the day of `at` in the IANA zone `timeZone`.
 * @example localWeekMinute(new Date('2026-12-04T12:30:00Z'), 'Asia/Shanghai') // { day: 5, minute: 1230 }
 */
export function localWeekMinute(at: Date, timeZone: string): { day: number; minute: number } {
  let clock = clocks.get(timeZone)
  if (!clock) {
    clock = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    clocks.set(timeZone, clock)
  }
  let day = 0
  let minute = 0
  for (const part of clock.formatToParts(at)) {
    if (part.type === 'weekday') day = WEEKDAYS[part.value] ?? 0
    else if (part.type === 'hour') minute += Number(part.value) * 60
    else if (part.type === 'minute') minute += Number(part.value)
  }
  return { day, minute }
}

/**
 * The shift open at local week minute `local`, if any (as merchant_open_at decides in SQL: a shift
 * includes its opening minute, not its closing one, and runs past midnight when it closes at or
 * before it opens). The server's "For you" and the browser's storefront panel both judge by it.
 */
export function openShiftAt(shifts: readonly Shift[], local: { day: number; minute: number }): Shift | undefined {
  const now = local.day * DAY_MINUTES + local.minute
  return shifts.find((shift) => {
    const { start, length } = span(shift)
    return (now - start + WEEK_MINUTES) % WEEK_MINUTES < length
  })
}
