import { cellToBoundary, cellToChildren, getHexagonEdgeLengthAvg, polygonToCells } from 'h3-js'
import type { Box } from './map.repository'

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
const EDGE_RESOLUTION = 8

/** The first and last resolution-9 id among the cell's descendants (the cell itself at 9). */
function childRange(cell: string, resolution: number): [string, string] {
  if (resolution === 9) return [cell, cell]
  const children = cellToChildren(cell, 9).sort()
  return [children[0] ?? cell, children.at(-1) ?? cell]
}

// Metres per degree of latitude, rounded down so margins in degrees come out larger.
const M_PER_DEG = 110_000
// Resolution-9 descendants of a cell reach at most 0.149 average edge lengths past its vertex
// rectangle (measured on random cells worldwide, resolutions 3–8); 0.25 leaves a wide margin. A storefront lies
// inside its own resolution-9 hexagon, whose great-circle edges bow by centimetres, not metres.
const SPREAD = 0.25
const LEAF_MARGIN = 0.05

interface Extent {
  minLng: number
  minLat: number
  maxLng: number
  maxLat: number
}

/** The cell's vertex rectangle grown by `marginM` metres: everything it (or its descendants) holds. */
function reach(cell: string, marginM: number): Extent | null {
  const ring = cellToBoundary(cell)
  let minLat = 90, maxLat = -90, minLng = 180, maxLng = -180
  for (const [lat = 0, lng = 0] of ring) {
    minLat = Math.min(minLat, lat)
    maxLat = Math.max(maxLat, lat)
    minLng = Math.min(minLng, lng)
    maxLng = Math.max(maxLng, lng)
  }
  if (maxLng - minLng > 180) return null // straddles the antimeridian
  const dLat = marginM / M_PER_DEG
  const dLng = dLat / Math.cos((Math.min(89, Math.max(Math.abs(minLat), Math.abs(maxLat)) + dLat) * Math.PI) / 180)
  return { minLng: minLng - dLng, minLat: minLat - dLat, maxLng: maxLng + dLng, maxLat: maxLat + dLat }
}

const edgeM = (resolution: number) => getHexagonEdgeLengthAvg(resolution, 'm')

/**
 * Covers one box (not crossing the antimeridian) with cells of `resolution` and their descendants,
 * or null when the box is too large (or too close to a pole) to cover within `budget` cells.
 */
export function coverViewport(box: Box, resolution: number, budget = 20_000): ViewportCover | null {
  const [minLng, minLat, maxLng, maxLat] = box
  if (maxLng - minLng > 60 || Math.max(Math.abs(minLat), Math.abs(maxLat)) > 80) return null
  // Any cell holding a storefront in the box has its centre within ~1.2 edge lengths of the box.
  const grow = (2.5 * edgeM(resolution)) / M_PER_DEG
  const growLng = grow / Math.cos((Math.min(80, Math.max(Math.abs(minLat), Math.abs(maxLat)) + grow) * Math.PI) / 180)
  const outer = [
    [minLng - growLng, minLat - grow],
    [maxLng + growLng, minLat - grow],
    [maxLng + growLng, maxLat + grow],
    [minLng - growLng, maxLat + grow],
    [minLng - growLng, minLat - grow],
  ]
  let level = polygonToCells([outer], resolution, true)
  if (level.length > budget) return null
  const inside: ViewportCover['inside'] = []
  const edge: ViewportCover['edge'] = []
  const edgeResolution = Math.max(resolution, EDGE_RESOLUTION)
  for (let r = resolution; level.length > 0; r++) {
    const margin = (r === 9 ? LEAF_MARGIN : SPREAD) * edgeM(r)
    const last = r === edgeResolution
    const crossing: string[] = []
    for (const cell of level) {
      const e = reach(cell, margin)
      if (!e) return null
      if (e.maxLng < minLng || e.minLng > maxLng || e.maxLat < minLat || e.minLat > maxLat) continue
      if (e.minLng >= minLng && e.maxLng <= maxLng && e.minLat >= minLat && e.maxLat <= maxLat) {
        inside.push({ resolution: r, cell })
      } else {
        crossing.push(cell)
      }
    }
    if (last) {
      for (const cell of crossing) edge.push(childRange(cell, r))
      break
    }
    if (crossing.length * 7 > budget) return null
    level = crossing.flatMap((c) => cellToChildren(c, r + 1))
  }
  return { inside, edge }
}
