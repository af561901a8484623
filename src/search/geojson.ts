import type { Feature, FeatureCollection, MultiPolygon, Point, Polygon } from 'geojson'
import type { Listing, NearbyPage } from './nearby.service'

/** The RFC 7946 media type. */
export const GEOJSON_TYPE = 'application/geo+json'

/** Whether the client asked for GeoJSON, by `format=geojson` or an Accept header naming it. */
export function wantsGeoJson(accept: string | undefined, format: string | undefined): boolean {
  if (format) return format === 'geojson'
  return (accept ?? '').toLowerCase().includes(GEOJSON_TYPE)
}

/** A Point feature at [lng, lat]. */
export function pointFeature(lng: number, lat: number, properties: Record<string, unknown>): Feature<Point> {
  return { type: 'Feature', geometry: { type: 'Point', coordinates: [lng, lat] }, properties }
}

/** A Polygon feature from one closed, counter-clockwise ring of [lng, lat]. */
export function polygonFeature(ring: number[][], properties: Record<string, unknown>): Feature<Polygon> {
  return { type: 'Feature', geometry: { type: 'Polygon', coordinates: [ring] }, properties }
}

/** A feature for a cluster cell's geometry (a Polygon, or a MultiPolygon split at the antimeridian). */
export function cellFeature(geometry: Polygon | MultiPolygon, properties: Record<string, unknown>): Feature<Polygon | MultiPolygon> {
  return { type: 'Feature', geometry, properties }
}

/** A nearby page as a FeatureCollection; next_cursor travels as a foreign member. */
export function listingsToGeoJson(page: NearbyPage): FeatureCollection<Point> & { next_cursor: string | null } {
  return {
    type: 'FeatureCollection',
    features: page.data.map(({ location, ...props }: Listing) => pointFeature(location.lng, location.lat, props)),
    next_cursor: page.next_cursor,
  }
}
