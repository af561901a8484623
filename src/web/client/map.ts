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
  has_deal?: boolean
  has_coupon?: boolean
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

/** Makes a drawn path (a pin) a keyboard stop with a name: Enter or Space does what a click does. */
export function focusablePath(el: Element | undefined, name: string, activate: () => void): void {
  if (!el) return
  el.setAttribute('tabindex', '0')
  el.setAttribute('role', 'button')
  el.setAttribute('aria-label', name)
  el.addEventListener('keydown', (e) => {
    const key = (e as KeyboardEvent).key
    if (key === 'Enter' || key === ' ') (e.preventDefault(), activate())
  })
}

/**
 * One Tab stop per shop: a grey overview pin whose shop also has a result pin leaves the tab order
 * (the result pin, drawn on top, is the stop); the others stay reachable. Run after either layer draws.
 */
export function oneTabStopPerShop(container: HTMLElement): void {
  const results = new Set([...container.querySelectorAll('.pin-result[data-id]')].map((el) => el.getAttribute('data-id')))
  for (const el of container.querySelectorAll('.pin-overview[data-id]')) {
    const duplicate = results.has(el.getAttribute('data-id'))
    el.setAttribute('tabindex', duplicate ? '-1' : '0')
    if (duplicate) el.setAttribute('aria-hidden', 'true')
    else el.removeAttribute('aria-hidden')
  }
}

type Rect = { x: number; y: number; w: number; h: number }
const overlaps = (a: Rect, b: Rect) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h

/**
 * The overview layer from /v1/search/map: H3 hexagon clusters (shaded by count, labelled at the
 * centroid) when zoomed out, merchant pins when zoomed in, with the list's own filters. Labels
 * never overlap: the biggest clusters keep theirs, a crowded one shows a dot, the rest only their
 * shaded hexagon (every cluster stays in the map's list alternative). Refetches on pan/zoom
 * (debounced); an older response never replaces a newer one.
 */
export function createOverviewLayer(map: L.Map, options: { filters: () => URLSearchParams; onSelect: (id: string) => void; onDrawn?: (items: MapItem[]) => void }) {
  const layer = L.layerGroup().addTo(map)
  // Labels above the result pins: a pin may sit on a hexagon but never hides its number.
  const labelPane = map.getPane('cluster-labels') ?? map.createPane('cluster-labels')
  labelPane.style.zIndex = '660'
  let controller: AbortController | undefined
  let sequence = 0
  let shown = 0

  async function refresh() {
    controller?.abort()
    controller = new AbortController()
    const mine = ++sequence
    const b = map.getBounds()
    const params = options.filters()
    params.set('bbox', [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map((n) => n.toFixed(6)).join(','))
    params.set('zoom', String(map.getZoom()))
    map.getContainer().setAttribute('aria-busy', 'true')
    try {
      const body = await api<GeoJSON.FeatureCollection<GeoJSON.Geometry, ClusterProps | PinProps>>(`/v1/search/map?${params}`, { signal: controller.signal })
      if (mine !== sequence) return
      draw(body.features ?? [])
    } catch (err) {
      if (mine !== sequence || (err instanceof DOMException && err.name === 'AbortError')) return
      announce(t('map.loadFailed', { message: messageOf(err) }), 'error')
    } finally {
      if (mine === sequence) map.getContainer().removeAttribute('aria-busy')
    }
  }

  function draw(features: MapFeature[]) {
    layer.clearLayers()
    const items: MapItem[] = []
    const clusters = (features.filter((f) => f.properties.kind === 'cluster') as Array<GeoJSON.Feature<GeoJSON.Geometry, ClusterProps>>).sort((a, b) => b.properties.count - a.properties.count)
    const max = Math.max(1, ...clusters.map((f) => f.properties.count))
    const placed: Rect[] = []
    for (const f of clusters) {
      const { count, centroid } = f.properties
      const hex = L.geoJSON(f, { style: { color: '#1d4ed8', weight: 1, fillColor: shade(count, max), fillOpacity: 0.55, className: 'hex' } })
      const name = t('map.clusterLabel', { count })
      const zoomIn = () => map.fitBounds(hex.getBounds(), { maxZoom: 18, padding: [24, 24] })
      hex.on('click', zoomIn)
      hex.bindTooltip(escapeHtml(name))
      layer.addLayer(hex)
      items.push({ kind: 'cluster', name, activate: zoomIn })
      // The label's box on screen; a crowded cluster falls back to a dot, then to no label.
      const at = map.latLngToContainerPoint([centroid[1], centroid[0]])
      const width = 18 + String(count).length * 8
      const full = { x: at.x - width / 2, y: at.y - 11, w: width, h: 22 }
      const dot = { x: at.x - 6, y: at.y - 6, w: 12, h: 12 }
      const fit = !placed.some((r) => overlaps(r, full)) ? 'full' : !placed.some((r) => overlaps(r, dot)) ? 'dot' : null
      if (!fit) continue
      placed.push(fit === 'full' ? full : dot)
      // A keyboard stop with a name; zooming fits the hexagon so its shops spread out.
      const label = L.marker([centroid[1], centroid[0]], {
        keyboard: true,
        title: name,
        alt: name,
        pane: 'cluster-labels',
        icon: L.divIcon({
          className: fit === 'full' ? 'cluster-label' : 'cluster-label cluster-dot',
          html: fit === 'full' ? `<span aria-hidden="true">${count}</span>` : '<span aria-hidden="true"></span>',
          iconSize: fit === 'full' ? [width, 22] : [12, 12],
        }),
      })
      label.on('click', zoomIn)
      label.on('add', () => {
        const el = label.getElement()
        el?.setAttribute('role', 'button')
        el?.setAttribute('aria-label', name)
        el?.addEventListener('keydown', (e) => (e.key === 'Enter' || e.key === ' ') && (e.preventDefault(), zoomIn()))
      })
      layer.addLayer(label)
    }
    for (const f of features) {
      if (f.properties.kind !== 'merchant' || f.geometry.type !== 'Point') continue
      const p = f.properties
      const [lng, lat] = f.geometry.coordinates as [number, number]
      const pin = L.circleMarker([lat, lng], { radius: 6, color: '#334155', weight: 1, fillColor: '#94a3b8', fillOpacity: 0.9, className: 'pin pin-overview' })
      const cover = p.cover_url ? `<img class="tooltip-cover" src="${escapeHtml(p.cover_url)}" alt="" width="120" height="90" loading="lazy"><br>` : ''
      const lang = langOf(p.name)
      const offers = offerWords(p)
      pin.bindTooltip(`${cover}<span${lang ? ` lang="${lang}"` : ''}>${escapeHtml(p.name)}</span>${offers ? `<br><span class="tooltip-deal">${escapeHtml(offers)}</span>` : ''}`)
      pin.on('click', () => options.onSelect(p.id))
      layer.addLayer(pin)
      pin.getElement()?.setAttribute('data-id', p.id)
      focusablePath(pin.getElement(), offers ? `${p.name} — ${offers}` : p.name, () => options.onSelect(p.id))
      const badge = offerBadge(p, lat, lng)
      if (badge) layer.addLayer(badge)
      items.push({ kind: 'shop', name: offers ? `${p.name} — ${offers}` : p.name, id: p.id, activate: () => options.onSelect(p.id) })
    }
    oneTabStopPerShop(map.getContainer())
    shown = features.length
    map.getContainer().dataset.overview = clusters.length > 0 ? 'clusters' : 'pins'
    map.getContainer().dataset.overviewCount = String(shown)
    map.getContainer().dataset.overviewShops = String(clusters.reduce((n, f) => n + f.properties.count, 0) + (shown - clusters.length))
    options.onDrawn?.(items)
  }

  const debounced = debounce(refresh, 250)
  map.on('moveend', debounced)
  return { refresh, refreshSoon: debounced }
}

/** "Deal · Coupon" for an overview pin whose shop has them now, else ''. */
function offerWords(p: PinProps): string {
  return [p.has_deal ? t('map.pinDeal') : '', p.has_coupon ? t('map.pinCoupon') : ''].filter(Boolean).join(' · ')
}

/**
 * A small label beside an overview pin naming what the shop offers with a glyph per offer (not a
 * colour alone). Decorative for assistive technology: the pin's own name already says it.
 */
function offerBadge(p: PinProps, lat: number, lng: number): L.Marker | null {
  const glyphs = [p.has_deal ? t('map.pinDealGlyph') : '', p.has_coupon ? t('map.pinCouponGlyph') : ''].filter(Boolean)
  if (!glyphs.length) return null
  const width = 6 + glyphs.length * 18
  return L.marker([lat, lng], {
    interactive: false,
    keyboard: false,
    icon: L.divIcon({
      className: 'pin-offer',
      html: `<span aria-hidden="true" data-id="${escapeHtml(p.id)}" data-offers="${p.has_deal ? 'deal' : ''}${p.has_deal && p.has_coupon ? ' ' : ''}${p.has_coupon ? 'coupon' : ''}">${glyphs.map((g) => `<b>${escapeHtml(g)}</b>`).join('')}</span>`,
      iconSize: [width, 18],
      iconAnchor: [-5, 20],
    }),
  })
}

/** One thing the map shows, for its list alternative. */
export type MapItem = { kind: 'cluster'; name: string; activate: () => void } | { kind: 'shop'; name: string; id: string; activate: () => void }
