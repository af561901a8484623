import { cellToParent, latLngToCell } from 'h3-js'

/** Resolutions stored per storefront: 9 is the storefront's own cell, the coarser ones feed map clusters. */
export const STORED_RESOLUTIONS = [9, 8, 7, 6, 5, 4, 3] as const
export type StoredResolution = (typeof STORED_RESOLUTIONS)[number]

export interface H3Columns {
  h3_r9: string
  h3_r8: string
  h3_r7: string
  h3_r6: string
  h3_r5: string
  h3_r4: string
  h3_r3: string
}

/**
 * The H3 cells of a point at every stored resolution, as h3-js prints them.
 * @example h3Columns(30.2741, 120.1551).h3_r9 // '8931aa4...'
 */
export function h3Columns(lat: number, lng: number): H3Columns {
  const r9 = latLngToCell(lat, lng, 9)
  return {
    h3_r9: r9,
    h3_r8: cellToParent(r9, 8),
    h3_r7: cellToParent(r9, 7),
    h3_r6: cellToParent(r9, 6),
    h3_r5: cellToParent(r9, 5),
    h3_r4: cellToParent(r9, 4),
    h3_r3: cellToParent(r9, 3),
  }
}
