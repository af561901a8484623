// Sharding plan check (README "Beyond one primary"): with storefronts distributed by their H3
// resolution-3 cell, which share of the benchmark's traffic mix would touch more than one shard?
// Pure computation over the benchmark's own query points: `npx tsx test/bench/shard-simulation.ts`.
import { latLngToCell } from 'h3-js'
import { queryPoints } from './points'

const REGION_RES = 3
const M_PER_DEG = 111_320

// Regions a rectangle (metres around p) touches, sampled on a grid finer than a region's edge (~60 km).
function regionsOfBox(p: { lat: number; lng: number }, widthM: number, heightM: number): number {
  const cells = new Set<string>()
  const steps = Math.max(2, Math.ceil(Math.max(widthM, heightM) / 2_000))
  for (let i = 0; i <= steps; i++) {
    for (let j = 0; j <= steps; j++) {
      const lat = p.lat + ((i / steps - 0.5) * heightM) / M_PER_DEG
      const lng = p.lng + ((j / steps - 0.5) * widthM) / (M_PER_DEG * Math.cos((p.lat * Math.PI) / 180))
      cells.add(latLngToCell(lat, lng, REGION_RES))
    }
  }
  return cells.size
}

// A 2 km disk is covered by its bounding square: a slight over-count of fan-outs, never an under-count.
const mix: Array<{ name: string; regions: (p: { lat: number; lng: number }) => number }> = [
  { name: 'nearby 2 km', regions: (p) => regionsOfBox(p, 4_000, 4_000) },
  { name: 'nearby 2 km, rare category', regions: (p) => regionsOfBox(p, 4_000, 4_000) },
  { name: 'nearby 2 km as GeoJSON', regions: (p) => regionsOfBox(p, 4_000, 4_000) },
  { name: 'map viewport, city zoom 11', regions: (p) => regionsOfBox(p, 40_000, 25_000) },
  { name: 'map viewport, street zoom 16', regions: (p) => regionsOfBox(p, 1_300, 800) },
  { name: 'map viewport, worst allowed', regions: (p) => regionsOfBox(p, 35_000, 35_000) },
  // Keyed by storefront or merchant: always one shard under co-location.
  { name: 'storefront reviews, first page', regions: () => 1 },
  { name: 'storefront reviews, deep page', regions: () => 1 },
  { name: 'place order', regions: () => 1 },
]

const points = queryPoints()
let total = 0
let cross = 0
for (const c of mix) {
  const n = points.filter((p) => c.regions(p) > 1).length
  total += points.length
  cross += n
  console.log(`${c.name.padEnd(34)} ${((100 * n) / points.length).toFixed(1).padStart(5)}% cross-shard`)
}
console.log(`${'whole mix (each case equally often)'.padEnd(34)} ${((100 * cross) / total).toFixed(1).padStart(5)}% cross-shard`)
