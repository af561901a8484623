/** A place a search can move the map to. */
export interface Place {
  name_en: string
  name_zh: string
  lat: number
  lng: number
  /** Suggested map zoom: a district is wider than a landmark. */
  zoom: number
}

/**
 * Turns what a person typed ("西湖", "West Lake", an address) into places. The demo ships the
 * gazetteer below; production plugs Nominatim or Pelias in behind this same interface.
 */
export interface Geocoder {
  search(query: string, limit: number): Promise<Place[]>
}
