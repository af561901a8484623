import { cellToBoundary, cellToChildren, getHexagonEdgeLengthAvg, polygonToCells } from 'h3-js'
import { cellRing, parentCell } from '../geo/h3-clusters'
import type { Box } from './map.repository'
import { estimateCells } from './viewport-size'

/**
 * A viewport split along the H3 hierarchy: `inside` cells (any stored resolution) whose every
 * storefront lies inside the box, and the cells that straddle its border, whose storefronts must
 * be tested one by one. Those are given as `edge` ranges of resolution-9 cell ids: a cell's
 * descendants have consecutive ids, so one [first, last] range (byte order) holds them all.
 */
export interface ViewportCover {
  inside: Array<{ resolution: number; cell: string }>
  edge: Array<[first: string, last: string]>
}

// Border cells are counted row by row at this resolution (or the cluster resolution when finer):
// deeper would mean many more counter lookups, coarser many more rows.
const EDGE_RESOLUTION = 8 // childRange() assumes 8 or 9

const RES_BITS = 0xfn << 52n
const DIGIT_9_BITS = 7n << 18n

/**
 * The first and last resolution-9 id among a resolution-8 cell's children (the cell itself at 9):
 * same index with resolution 9 and the ninth digit 0 or 6, computed without listing the children.
 */
function childRange(cell: string, resolution: number): [string, string] {
  if (resolution === 9) return [cell, cell]
  const base = (BigInt(`0x${cell}`) & ~RES_BITS & ~DIGIT_9_BITS) | (9n << 52n)
  return [base.toString(16), (base | (6n << 18n)).toString(16)]
}

/** The next resolution-9 id in byte order that can be a cell (digits run 0–6; 7 means unused). */
function nextCellId(id: bigint): bigint | null {
  let next = id
  for (let digit = 9; digit >= 1; digit--) {
    const shift = BigInt((15 - digit) * 3)
    const value = (next >> shift) & 7n
    if (value < 6n) return next + (1n << shift)
    next &= ~(7n << shift) // 6 rolls over to 0 and carries into the coarser digit
  }
  return null
}

/** Sorted ranges with adjacent ones joined: only ids no cell can have lie between them. */
function joinRanges(ranges: Array<[string, string]>): Array<[string, string]> {
  const joined: Array<[string, string]> = []
  for (const range of ranges.sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const last = joined.at(-1)
    if (last && nextCellId(BigInt(`0x${last[1]}`))?.toString(16) === range[0]) last[1] = range[1]
    else joined.push([range[0], range[1]])
  }
  return joined
}

// Metres per degree of latitude, rounded down so margins in degrees come out larger.
const M_PER_DEG = 110_000
// Resolution-9 descendants of a cell reach at most 0.149 average edge lengths past its vertex
// rectangle (measured on random cells worldwide, resolutions 3–8); 0.25 leaves a wide margin.
// A storefront lies inside its own resolution-9 hexagon, whose great-circle edges bow by
// centimetres, not metres.
const SPREAD = 0.25
const LEAF_MARGIN = 0.05

interface Extent {
  minLng: number
  minLat: number
  maxLng: number
  maxLat: number
}

// A cell's shape never changes, so its vertex rectangle and children are cached by cell id:
// viewports over the same city reuse most of them. Bounded by starting over when full.
const CACHE_LIMIT = 200_000
// Child lists (up to 49 ids) and rings (7 positions) are bigger entries: fewer keep the caches to tens of MB.
const BIG_ENTRY_LIMIT = 20_000
const rectangles = new Map<string, Extent | null>()
const childrenOf = new Map<string, string[]>()

function remember<V>(cache: Map<string, V>, key: string, compute: () => V, limit = CACHE_LIMIT): V {
  let value = cache.get(key)
  if (value === undefined && !cache.has(key)) {
    if (cache.size >= limit) cache.clear()
    value = compute()
    cache.set(key, value)
  }
  return value as V
}

const parents = new Map<string, string>()

/** parentCell(), cached by cell and resolution like the shapes above. */
export function cachedParent(cell: string, resolution: number): string {
  return remember(parents, `${cell}/${resolution}`, () => parentCell(cell, resolution))
}

const rings = new Map<string, number[][]>()

/** cellRing(), cached by cell: the same hexagons are drawn again each time a city is viewed. Do not mutate. */
export function cachedRing(cell: string): number[][] {
  return remember(rings, cell, () => cellRing(cell), 50_000)
}

/** The rectangle spanned by the cell's vertices; null when it straddles the antimeridian. */
function vertexRectangle(cell: string): Extent | null {
  let minLat = 90, maxLat = -90, minLng = 180, maxLng = -180
  for (const [lat = 0, lng = 0] of cellToBoundary(cell)) {
    minLat = Math.min(minLat, lat)
    maxLat = Math.max(maxLat, lat)
    minLng = Math.min(minLng, lng)
    maxLng = Math.max(maxLng, lng)
  }
  return maxLng - minLng > 180 ? null : { minLng, minLat, maxLng, maxLat }
}

/** The cell's vertex rectangle grown by `marginM` metres: everything it (or its descendants) holds. */
function reach(cell: string, marginM: number): Extent | null {
  const r = remember(rectangles, cell, () => vertexRectangle(cell))
  if (!r) return null
  const dLat = marginM / M_PER_DEG
  const dLng = dLat / Math.cos((Math.min(89, Math.max(Math.abs(r.minLat), Math.abs(r.maxLat)) + dLat) * Math.PI) / 180)
  return { minLng: r.minLng - dLng, minLat: r.minLat - dLat, maxLng: r.maxLng + dLng, maxLat: r.maxLat + dLat }
}

const edgeM = (resolution: number) => getHexagonEdgeLengthAvg(resolution, 'm')

/**
 * Covers one box (not crossing the antimeridian) with cells of `resolution` and their descendants,
 * or null when the box is too large (or too close to a pole) to cover within `budget` cells. The
 * size is estimated from the area before any cell is listed, so a huge box costs nothing here.
 */
export function coverViewport(box: Box, resolution: number, budget = 20_000): ViewportCover | null {
  const [minLng, minLat, maxLng, maxLat] = box
  if (maxLng - minLng > 60 || Math.max(Math.abs(minLat), Math.abs(maxLat)) > 80) return null
  if (estimateCells([grownBox(box, resolution)], resolution) > budget) return null
  // Listing the box at a coarser level and descending through cached children costs a fraction of
  // listing every cell: whole coarse cells inside the box need no test of their own children.
  return coverFrom(box, Math.max(0, resolution - START_LEVELS_UP), resolution, budget)
}

function coverFrom(box: Box, start: number, resolution: number, budget: number): ViewportCover | null {
  const [minLng, minLat, maxLng, maxLat] = box
  const [west, south, east, north] = grownBox(box, start)
  let level = polygonToCells([[[west, south], [east, south], [east, north], [west, north], [west, south]]], start, true)
  if (level.length > budget) return null
  const inside: ViewportCover['inside'] = []
  const edge: ViewportCover['edge'] = []
  const edgeResolution = Math.max(resolution, EDGE_RESOLUTION)
  for (let r = start; level.length > 0; r++) {
    const margin = (r === 9 ? LEAF_MARGIN : SPREAD) * edgeM(r)
    const last = r === edgeResolution
    const crossing: string[] = []
    for (const cell of level) {
      const e = reach(cell, margin)
      // A coarse cell across the antimeridian has no rectangle: list the box at `resolution` instead.
      if (!e) return start < resolution ? coverFrom(box, resolution, resolution, budget) : null
      if (e.maxLng < minLng || e.minLng > maxLng || e.maxLat < minLat || e.minLat > maxLat) continue
      if (e.minLng >= minLng && e.maxLng <= maxLng && e.minLat >= minLat && e.maxLat <= maxLat) {
        // Counters are read at `resolution` or finer, so a coarser whole cell counts as its children.
        if (r >= resolution) inside.push({ resolution: r, cell })
        else for (const child of descendants(cell, r, resolution)) inside.push({ resolution, cell: child })
      } else {
        crossing.push(cell)
      }
    }
    if (last) {
      for (const cell of crossing) edge.push(childRange(cell, r))
      break
    }
    if (crossing.length * 7 > budget || inside.length > budget) return null
    level = crossing.flatMap((c) => descendants(c, r, r + 1))
  }
  return { inside, edge: joinRanges(edge) }
}

// Levels above the cover's resolution at which the box is first listed (49× fewer cells).
const START_LEVELS_UP = 2

/** The box grown so that every cell of `resolution` holding a storefront in it has its centre inside. */
function grownBox([minLng, minLat, maxLng, maxLat]: Box, resolution: number): Box {
  // Any cell holding a storefront in the box has its centre within ~1.2 edge lengths of the box.
  const grow = (2.5 * edgeM(resolution)) / M_PER_DEG
  const growLng = grow / Math.cos((Math.min(80, Math.max(Math.abs(minLat), Math.abs(maxLat)) + grow) * Math.PI) / 180)
  return [minLng - growLng, Math.max(-90, minLat - grow), maxLng + growLng, Math.min(90, maxLat + grow)]
}

/** A cell's descendants at `resolution` (cached by cell; `from` is the cell's own resolution). */
function descendants(cell: string, from: number, resolution: number): string[] {
  return from === resolution ? [cell] : remember(childrenOf, `${cell}/${resolution}`, () => cellToChildren(cell, resolution), BIG_ENTRY_LIMIT)
}
