import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { useTestApp } from '../../test/support/app'
import { Random } from '../../seed/random'
import { localWeekMinute, openShiftAt, type Shift } from './hours'

const ZONES = ['Asia/Shanghai', 'America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'Pacific/Chatham']
const hhmm = (minute: number) => `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`

describe('opening hours judged in TypeScript', () => {
  const t = useTestApp()

  it('agree with merchant_open_at in SQL for random shifts, zones and instants (DST changes, overnight and 24-hour shifts, closing minutes)', async () => {
    const rng = new Random(20261204)
    const cases = Array.from({ length: 400 }, () => {
      const shifts: Shift[] = Array.from({ length: rng.int(0, 3) }, () => {
        const open = rng.int(0, 95) * 15
        const kind = rng.int(0, 9)
        // Now and then overnight (close before open) or 00:00–00:00 (all day).
        const close = kind === 0 ? open : kind < 3 ? rng.int(0, 95) * 15 : Math.min(1439, open + rng.int(1, 40) * 15)
        return { day: rng.int(0, 6), open: hhmm(open), close: hhmm(close) }
      })
      // Instants across 2026, on the minute, often exactly at an opening or closing time.
      const at = new Date(Date.UTC(2026, 0, 1) + rng.int(0, 365 * 24 * 4) * 15 * 60_000)
      return { shifts, zone: ZONES[rng.int(0, ZONES.length - 1)] as string, at }
    })
    const result = await sql<{ open: boolean }>`
      SELECT merchant_open_at(c.hours, c.zone, c.at) AS open
      FROM jsonb_to_recordset(${JSON.stringify(cases.map((c, n) => ({ n, hours: c.shifts, zone: c.zone, at: c.at.toISOString() })))}::jsonb)
        AS c(n int, hours jsonb, zone text, at timestamptz) ORDER BY n`.execute(t.db)
    const inSql = result.rows.map((r) => r.open)
    const inTs = cases.map((c) => openShiftAt(c.shifts, localWeekMinute(c.at, c.zone)) !== undefined)
    expect(inTs).toEqual(inSql)
    expect(inSql.filter(Boolean).length).toBeGreaterThan(20)
    expect(inSql.filter((o) => !o).length).toBeGreaterThan(20)
  })

  it('reads the weekday and minute in the zone', () => {
    expect(localWeekMinute(new Date('2026-12-04T12:30:00Z'), 'Asia/Shanghai')).toEqual({ day: 5, minute: 20 * 60 + 30 })
    expect(localWeekMinute(new Date('2026-12-04T03:00:00Z'), 'America/New_York')).toEqual({ day: 4, minute: 22 * 60 })
  })
})
