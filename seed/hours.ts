import type { OpeningShift } from '../src/merchants/merchant.table'
import type { Random } from './random'

const WEEK = [0, 1, 2, 3, 4, 5, 6] as const

/** One shift per day, except on `closed` days; `weekend` overrides Friday/Saturday-night style hours. */
function daily(open: string, close: string, options: { closed?: readonly number[]; late?: { days: readonly number[]; close: string } } = {}): OpeningShift[] {
  return WEEK.filter((day) => !options.closed?.includes(day)).map((day) => ({
    day,
    open,
    close: options.late?.days.includes(day) ? options.late.close : close,
  }))
}

/** Lunch and dinner service with an afternoon break. */
function split(lunch: [string, string], dinner: [string, string], closed: readonly number[] = []): OpeningShift[] {
  return WEEK.filter((day) => !closed.includes(day)).flatMap((day) => [
    { day, open: lunch[0], close: lunch[1] },
    { day, open: dinner[0], close: dinner[1] },
  ])
}

const ALWAYS = daily('00:00', '00:00')

/**
 * Opening hours typical for the category, in local time. Shifts whose close is at or before
 * their open end after midnight (bars, KTV, late massage); 00:00–00:00 is open around the clock.
 */
export function hoursFor(rng: Random, category: string, chain: boolean): OpeningShift[] {
  const oneDayOff = () => [rng.int(1, 2)] // Monday or Tuesday, the usual quiet day
  switch (category) {
    case 'food':
      if (chain && rng.chance(0.3)) return ALWAYS
      if (rng.chance(0.35)) return split(['11:00', '14:00'], ['17:00', '21:30'], rng.chance(0.3) ? oneDayOff() : [])
      if (rng.chance(0.2)) return daily('17:00', '02:00') // late-night BBQ and supper spots
      return daily(rng.pick(['10:00', '10:30', '11:00']), rng.pick(['21:00', '22:00', '22:30']), { closed: rng.chance(0.15) ? oneDayOff() : [] })
    case 'coffee':
      return chain ? daily('07:00', '22:00') : daily(rng.pick(['07:30', '08:00', '09:00']), rng.pick(['18:00', '19:00', '20:00']), { closed: rng.chance(0.3) ? oneDayOff() : [] })
    case 'bakery':
      return daily(rng.pick(['06:30', '07:00', '08:00']), rng.pick(['19:00', '20:00', '21:00']), { closed: rng.chance(0.25) ? oneDayOff() : [] })
    case 'bar':
      return daily(rng.pick(['17:00', '18:00', '19:00']), '02:00', { closed: rng.chance(0.5) ? [1] : [], late: { days: [5, 6], close: '03:00' } })
    case 'grocery':
      return chain || rng.chance(0.3) ? ALWAYS : daily('08:00', rng.pick(['21:00', '22:00', '23:00']))
    case 'beauty':
    case 'hair':
      return daily(rng.pick(['09:30', '10:00', '11:00']), rng.pick(['20:00', '21:00', '22:00']), { closed: rng.chance(0.4) ? oneDayOff() : [] })
    case 'massage':
      return daily(rng.pick(['11:00', '12:00']), rng.pick(['23:00', '00:30', '01:00', '02:00']))
    case 'fitness':
      return chain && rng.chance(0.5) ? ALWAYS : daily('06:00', '23:00', { closed: rng.chance(0.1) ? [0] : [] })
    case 'laundry':
      return daily('08:00', rng.pick(['19:00', '20:00', '21:00']), { closed: rng.chance(0.2) ? [0] : [] })
    case 'repair':
      return daily('09:00', '18:00', { closed: rng.chance(0.6) ? [0] : [] })
    case 'pet':
      return daily('09:00', '20:00', { closed: rng.chance(0.2) ? oneDayOff() : [] })
    case 'education':
      return [
        ...[2, 3, 4, 5].map((day) => ({ day, open: '15:30', close: '21:00' })),
        ...[0, 6].map((day) => ({ day, open: '09:00', close: '18:00' })),
      ].sort((a, b) => a.day - b.day) // closed Mondays
    case 'health':
      return rng.chance(0.2) ? ALWAYS : daily('08:00', '17:30', { closed: rng.chance(0.5) ? [0] : [] })
    case 'entertainment':
      return daily(rng.pick(['10:00', '12:00', '14:00']), rng.pick(['00:00', '02:00', '04:00']))
    case 'hotel':
      return ALWAYS
    case 'florist':
      return daily('09:00', '20:00', { closed: rng.chance(0.2) ? oneDayOff() : [] })
    case 'auto':
      return daily('08:30', '18:30', { closed: rng.chance(0.3) ? [0] : [] })
    default:
      return daily('09:00', '18:00')
  }
}
