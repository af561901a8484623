import L from 'leaflet'
import { dealLabel } from './deals'
import { escapeHtml, focusablePath, oneTabStopPerShop } from './map'

/** Pins for the result list, which highlight together with their rows. */
export function createResultPins(map: L.Map, handlers: { onHover: (id: string | null) => void; onSelect: (id: string) => void }) {
  // Their own pane, above cluster labels, so the list's shops stay visible at every zoom.
  const pane = map.createPane('results')
  pane.style.zIndex = '650'
  const layer = L.layerGroup().addTo(map)
  const pins = new Map<string, L.CircleMarker>()
  const base = { radius: 7, color: '#7c2d12', weight: 2, fillColor: '#f97316', fillOpacity: 0.95, pane: 'results' }
  return {
    show(items: Array<{ id: string; name: string; location: { lat: number; lng: number }; deal?: { saving_cents: number; currency: string } | null }>) {
      layer.clearLayers()
      pins.clear()
      for (const item of items) {
        const pin = L.circleMarker([item.location.lat, item.location.lng], { ...base, className: 'pin pin-result' })
        pin.bindTooltip(escapeHtml(item.name) + (item.deal ? `<br><span class="tooltip-deal">${escapeHtml(dealLabel(item.deal))}</span>` : ''))
        pin.on('mouseover', () => handlers.onHover(item.id))
        pin.on('mouseout', () => handlers.onHover(null))
        pin.on('click', () => handlers.onSelect(item.id))
        layer.addLayer(pin)
        pin.getElement()?.setAttribute('data-id', item.id)
        focusablePath(pin.getElement(), item.name, () => handlers.onSelect(item.id))
        pins.set(item.id, pin)
      }
      oneTabStopPerShop(map.getContainer())
    },
    /** Pans to the pin for `id` when it is outside the view. */
    reveal(id: string) {
      const pin = pins.get(id)
      if (pin && !map.getBounds().contains(pin.getLatLng())) map.panTo(pin.getLatLng())
    },
    highlight(id: string | null) {
      for (const [pinId, pin] of pins) {
        const on = pinId === id
        pin.setStyle(on ? { radius: 12, weight: 3, fillColor: '#dc2626' } : base)
        pin.getElement()?.classList.toggle('highlighted', on)
        if (on) pin.bringToFront()
      }
    },
  }
}
