import { latLngToCell } from 'h3-js'
import { describe, expect, it } from 'vitest'
import { cellRing, ringSignedArea, roundDegrees } from './h3-clusters'

const decimals = (v: number) => (String(v).split('.')[1] ?? '').length

describe('cluster rings', () => {
  it('carry at most 6 decimals, stay closed and counter-clockwise', () => {
    const ring = cellRing(latLngToCell(30.2592, 120.1303, 8))
    expect(ring.length).toBe(7)
    for (const [lng = 0, lat = 0] of ring) {
      expect(decimals(lng)).toBeLessThanOrEqual(6)
      expect(decimals(lat)).toBeLessThanOrEqual(6)
    }
    expect(ring[0]).toEqual(ring.at(-1))
    expect(ringSignedArea(ring)).toBeGreaterThan(0)
  })

  it('round to the nearest micro-degree', () => {
    expect(roundDegrees(120.12345649)).toBe(120.123456)
    expect(roundDegrees(-179.9999996)).toBe(-180)
  })
})
