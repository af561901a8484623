import { describe, expect, it } from 'vitest'
import { formatDistance, formatMoney, minorDigits, parseMoney } from './format'
import { openStatus, shopTimeToIso, weekLines } from './hours'

describe('prices as people read and type them', () => {
  it('formats minor units with each currency’s own decimals', () => {
    expect(minorDigits('CNY')).toBe(2)
    expect(minorDigits('JPY')).toBe(0)
    expect(minorDigits('KWD')).toBe(3)
    expect(formatMoney(2550, 'CNY')).toMatch(/25\.50/)
    expect(formatMoney(500, 'JPY')).toMatch(/500$/)
    expect(formatMoney(1234, 'KWD')).toMatch(/1\.234/)
  })

  it('shows 1234 JPY as ¥1,234 and 1234 KWD as KWD 1.234, never dividing by 100 blindly', () => {
    expect(formatMoney(1234, 'JPY')).toBe('¥1,234')
    expect(formatMoney(1234, 'KWD').replace(/\u00a0/g, ' ')).toBe('KWD 1.234')
    expect(formatMoney(150_000, 'IDR').replace(/\u00a0/g, ' ')).toBe('IDR 1,500.00') // ISO 4217 has 2 decimals, CLDR 0
  })

  it('reads a typed price into minor units, refusing more decimals than the currency has', () => {
    expect(parseMoney('18.5', 'CNY')).toBe(1850)
    expect(parseMoney('19', 'CNY')).toBe(1900)
    expect(parseMoney('0,99', 'EUR')).toBe(99)
    expect(parseMoney('500', 'JPY')).toBe(500)
    expect(parseMoney('5.5', 'JPY')).toBeUndefined()
    expect(parseMoney('1.005', 'USD')).toBeUndefined()
    expect(parseMoney('-3', 'USD')).toBeUndefined()
    expect(parseMoney('abc', 'USD')).toBeUndefined()
  })

  it('shows distances in metres, then kilometres', () => {
    expect(formatDistance(59.4)).toBe('59 m')
    expect(formatDistance(2400)).toBe('2.4 km')
    expect(formatDistance(12_600)).toBe('13 km')
  })
})

describe('opening hours in the shop’s own time', () => {
  const lateBar = [{ day: 5, open: '18:00', close: '02:00' }] // Friday evening into Saturday
  // 2026-11-27 is a Friday.
  const shanghai = (local: string) => new Date(`${local}+08:00`)

  it('is open past midnight on a shift that ends the next day', () => {
    expect(openStatus(lateBar, 'Asia/Shanghai', shanghai('2026-11-28T01:30:00'))).toEqual({ open: true, text: 'Open now · until 02:00' })
    expect(openStatus(lateBar, 'Asia/Shanghai', shanghai('2026-11-28T02:00:00')).open).toBe(false)
  })

  it('says when a closed shop opens next', () => {
    expect(openStatus(lateBar, 'Asia/Shanghai', shanghai('2026-11-27T09:00:00')).text).toBe('Closed · opens today at 18:00')
    expect(openStatus(lateBar, 'Asia/Shanghai', shanghai('2026-11-26T20:00:00')).text).toBe('Closed · opens tomorrow at 18:00')
    expect(openStatus(lateBar, 'Asia/Shanghai', shanghai('2026-11-24T12:00:00')).text).toBe('Closed · opens Friday at 18:00')
  })

  it('reads the same instant in the shop’s zone, not the viewer’s', () => {
    const instant = new Date('2026-11-27T10:30:00Z') // 18:30 Friday in Shanghai, 05:30 in New York
    expect(openStatus(lateBar, 'Asia/Shanghai', instant).open).toBe(true)
    expect(openStatus(lateBar, 'America/New_York', instant).open).toBe(false)
  })

  it('lists the week with overnight and all-day shifts spelled out', () => {
    const lines = weekLines([...lateBar, { day: 0, open: '00:00', close: '00:00' }])
    expect(lines[5]).toEqual({ day: 'Friday', hours: '18:00–02:00 (next day)' })
    expect(lines[0]).toEqual({ day: 'Sunday', hours: 'open 24 hours' })
    expect(lines[1]).toEqual({ day: 'Monday', hours: 'closed' })
  })

  it('books a slot at the shop’s wall-clock time, across daylight-saving changes', () => {
    expect(shopTimeToIso('2026-11-24T10:00', 'Asia/Shanghai')).toBe('2026-11-24T02:00:00.000Z')
    expect(shopTimeToIso('2026-07-01T09:00', 'America/New_York')).toBe('2026-07-01T13:00:00.000Z')
    expect(shopTimeToIso('2026-12-01T09:00', 'America/New_York')).toBe('2026-12-01T14:00:00.000Z')
    expect(shopTimeToIso('2026-03-29T12:00', 'Europe/London')).toBe('2026-03-29T11:00:00.000Z') // first day of summer time
  })
})
