import { latLngToCell } from 'h3-js'
import { describe, expect, it } from 'vitest'
import { cellGeometry, cellRing, ringSignedArea, roundDegrees, sphericalCentroid, unitVector } from './h3-clusters'

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

describe('cells across the antimeridian (RFC 7946 §3.1.9)', () => {
  it('split into a MultiPolygon at ±180 with every longitude in range, for shops at 179.98 and -179.98', () => {
    let crossing = 0
    for (const lng of [179.98, -179.98]) {
      for (let resolution = 0; resolution <= 9; resolution++) {
        const cell = latLngToCell(10, lng, resolution)
        const geometry = cellGeometry(cell)
        const rings = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates
        for (const polygon of rings) {
          for (const ring of polygon) {
            expect(ring.length).toBeGreaterThanOrEqual(4)
            expect(ring[0]).toEqual(ring.at(-1))
            for (const [x = 0, y = 0] of ring) {
              expect(Math.abs(x)).toBeLessThanOrEqual(180)
              expect(Math.abs(y)).toBeLessThanOrEqual(90)
            }
          }
        }
        const unwrapped = cellRing(cell).map((p) => p[0] ?? 0)
        if (Math.max(...unwrapped) > 180 || Math.min(...unwrapped) < -180) {
          crossing++
          expect(geometry.type).toBe('MultiPolygon')
          const [east, west] = geometry.coordinates as number[][][][]
          expect(east?.[0]?.some(([x]) => x === 180) || west?.[0]?.some(([x]) => x === 180)).toBe(true)
          expect(east?.[0]?.some(([x]) => x === -180) || west?.[0]?.some(([x]) => x === -180)).toBe(true)
          // Both halves keep the counter-clockwise winding of the exterior ring.
          for (const polygon of geometry.coordinates as number[][][][]) expect(ringSignedArea(polygon[0] ?? [])).toBeGreaterThan(0)
        } else {
          expect(geometry.type).toBe('Polygon')
        }
      }
    }
    expect(crossing).toBeGreaterThan(0)
  })
})

describe('sphericalCentroid', () => {
  it('averages on the sphere: shops at 179.98 and -179.98 meet at ±180, not 0', () => {
    const [a, b] = [unitVector(179.98, -16.5), unitVector(-179.98, -16.5)]
    const [lng, lat] = sphericalCentroid(a[0] + b[0], a[1] + b[1], a[2] + b[2])
    expect(lng).toBe(180)
    expect(lat).toBeCloseTo(-16.5, 4)
  })
  it('rounds to 6 decimals and matches the plain mean away from the antimeridian', () => {
    const [a, b] = [unitVector(2.3, 48.84), unitVector(2.3000002, 48.84)]
    expect(sphericalCentroid(a[0] + b[0], a[1] + b[1], a[2] + b[2])).toEqual([2.3, 48.84])
  })
})
