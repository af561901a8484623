import { latLngToCell } from 'h3-js'
import { describe, expect, it } from 'vitest'
import { Random } from '../../seed/random'
import { cellsWithin } from './h3'

describe('cells within a radius', () => {
  it('hold the cell of every point in the circle, across the antimeridian and near the poles', () => {
    const rng = new Random(7)
    let missed = 0
    for (let i = 0; i < 300; i++) {
      const lat = rng.next() * 170 - 85
      const lng = i % 10 === 0 ? 179.99 : rng.next() * 360 - 180
      const radius = 100 + rng.next() * 20_000
      const cells = new Set(cellsWithin(lat, lng, radius, 7))
      for (let j = 0; j < 20; j++) {
        const bearing = rng.next() * 2 * Math.PI
        const d = Math.sqrt(rng.next()) * radius * 0.999
        const pLat = lat + (d * Math.cos(bearing)) / 111_320
        let pLng = lng + (d * Math.sin(bearing)) / (111_320 * Math.cos((lat * Math.PI) / 180))
        if (pLng > 180) pLng -= 360
        if (pLng < -180) pLng += 360
        if (!cells.has(latLngToCell(pLat, pLng, 7))) missed++
      }
    }
    expect(missed).toBe(0)
  })
})
