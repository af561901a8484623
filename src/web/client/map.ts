import L from 'leaflet'
import 'leaflet/dist/leaflet.css'
import { api, messageOf } from './api'
import { announce, debounce } from './dom'
import { langOf, t } from './i18n'

/**
 * A Leaflet map over the configured base tiles. When tiles fail to load (offline, blocked) the
 * map keeps working on a plain background and #basemap-status says the base map is unavailable.
 */
export function createMap(
  el: HTMLElement,
  tileUrl: string,
  center: { lat: number; lng: number },
  zoom: number,
  notice: HTMLElement | null = document.getElementById('basemap-status'),
): L.Map {
  const map = L.map(el, { center: [center.lat, center.lng], zoom, zoomControl: true, keyboard: true })
  const osm = /openstreetmap\.org/.test(tileUrl)
  const tiles = L.tileLayer(tileUrl, {
    maxZoom: 19,
    attribution: osm ? '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors' : t('map.tiles'),
  }).addTo(map)
  let loaded = 0
  tiles.on('tileload', () => {
    loaded++
    if (notice) notice.hidden = true
  })
  tiles.on('tileerror', () => {
    if (notice && loaded === 0) notice.hidden = false
    el.classList.add('no-basemap')
  })
  return map
}

interface ClusterProps {
  kind: 'cluster'
  h3_cell: string
  count: number
  centroid: [number, number]
}
interface PinProps {
  kind: 'merchant'
  id: string
  name: string
  category: string
  rating?: number | null
  cover_url?: string | null
}
type MapFeature = GeoJSON.Feature<GeoJSON.Geometry, ClusterProps | PinProps>

/** Escapes text for Leaflet's HTML tooltips and icons. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

function shade(count: number, max: number): string {
  const t = Math.min(1, Math.log1p(count) / Math.log1p(Math.max(max, 2)))
  const light = Math.round(82 - t * 45)
  return `hsl(214 80% ${light}%)`
}

/**
 * The overview layer from /v1/search/map: H3 hexagon clusters (shaded by count, labelled at the
 * centroid) when zoomed out, merchant pins when zoomed in. Refetches on pan/zoom (debounced);
 * an older response never replaces a newer one.
 */
export function createOverviewLayer(map: L.Map, options: { filters: () => { category?: string | undefined }; onSelect: (id: string) => void }) {
  const layer = L.layerGroup().addTo(map)
  let controller: AbortController | undefined
  let sequence = 0
  let shown = 0

  async function refresh() {
    controller?.abort()
    controller = new AbortController()
    const mine = ++sequence
    const b = map.getBounds()
    const params = new URLSearchParams({
      bbox: [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map((n) => n.toFixed(6)).join(','),
      zoom: String(map.getZoom()),
    })
    const category = options.filters().category
    if (category) params.set('category', category)
    try {
      const body = await api<GeoJSON.FeatureCollection<GeoJSON.Geometry, ClusterProps | PinProps>>(`/v1/search/map?${params}`, { signal: controller.signal })
      if (mine !== sequence) return
      draw(body.features ?? [])
    } catch (err) {
      if (mine !== sequence || (err instanceof DOMException && err.name === 'AbortError')) return
      announce(t('map.loadFailed', { message: messageOf(err) }), 'error')
    }
  }

  function draw(features: MapFeature[]) {
    layer.clearLayers()
    const clusters = features.filter((f) => f.properties.kind === 'cluster') as Array<GeoJSON.Feature<GeoJSON.Geometry, ClusterProps>>
    const max = Math.max(1, ...clusters.map((f) => f.properties.count))
    for (const f of clusters) {
      const { count, centroid } = f.properties
      const hex = L.geoJSON(f, { style: { color: '#1d4ed8', weight: 1, fillColor: shade(count, max), fillOpacity: 0.55, className: 'hex' } })
      const name = t('map.clusterLabel', { count })
      // A keyboard stop with a name; zooming fits the hexagon so its shops spread out.
      const label = L.marker([centroid[1], centroid[0]], {
        keyboard: true,
        title: name,
        alt: name,
        icon: L.divIcon({ className: 'cluster-label', html: `<span aria-hidden="true">${count}</span>`, iconSize: [44, 22] }),
      })
      const zoomIn = () => map.fitBounds(hex.getBounds(), { maxZoom: 18, padding: [24, 24] })
      hex.on('click', zoomIn)
      label.on('click', zoomIn)
      hex.bindTooltip(escapeHtml(name))
      label.on('add', () => {
        const el = label.getElement()
        el?.setAttribute('role', 'button')
        el?.setAttribute('aria-label', name)
        el?.addEventListener('keydown', (e) => (e.key === 'Enter' || e.key === ' ') && (e.preventDefault(), zoomIn()))
      })
      layer.addLayer(hex).addLayer(label)
    }
    for (const f of features) {
      if (f.properties.kind !== 'merchant' || f.geometry.type !== 'Point') continue
      const p = f.properties
      const [lng, lat] = f.geometry.coordinates as [number, number]
      const pin = L.circleMarker([lat, lng], { radius: 6, color: '#334155', weight: 1, fillColor: '#94a3b8', fillOpacity: 0.9, className: 'pin pin-overview' })
      const cover = p.cover_url ? `<img class="tooltip-cover" src="${escapeHtml(p.cover_url)}" alt="" width="120" height="90" loading="lazy"><br>` : ''
      const lang = langOf(p.name)
      pin.bindTooltip(`${cover}<span${lang ? ` lang="${lang}"` : ''}>${escapeHtml(p.name)}</span>`)
      pin.on('click', () => options.onSelect(p.id))
      layer.addLayer(pin)
      pin.getElement()?.setAttribute('data-id', p.id)
    }
    shown = features.length
    map.getContainer().dataset.overview = clusters.length > 0 ? 'clusters' : 'pins'
    map.getContainer().dataset.overviewCount = String(shown)
  }

  const debounced = debounce(refresh, 250)
  map.on('moveend', debounced)
  return { refresh, refreshSoon: debounced }
}
