import L from 'leaflet'
import { t } from '../i18n'
import { createMap } from '../map'

/**
 * A map with one draggable pin for a storefront's location: click the map or drag the pin, or
 * type coordinates into the two inputs; all three stay in step.
 */
export function createLocationPicker(tileUrl: string, initial: { lat: number; lng: number } | undefined, fallback: { lat: number; lng: number }) {
  const mapEl = document.createElement('div')
  mapEl.className = 'map picker-map'
  mapEl.setAttribute('role', 'application')
  mapEl.setAttribute('aria-label', t('picker.mapLabel'))
  const lat = Object.assign(document.createElement('input'), { type: 'number', step: 'any', min: '-90', max: '90', name: 'lat', required: true })
  const lng = Object.assign(document.createElement('input'), { type: 'number', step: 'any', min: '-180', max: '180', name: 'lng', required: true })
  const notice = Object.assign(document.createElement('p'), {
    className: 'picker-notice',
    hidden: true,
    textContent: t('picker.noBasemap'),
  })
  notice.setAttribute('role', 'status')
  let map: L.Map | undefined
  let pin: L.Marker | undefined
  let current = initial

  const icon = L.divIcon({ className: 'location-pin', html: '<span></span>', iconSize: [26, 26], iconAnchor: [13, 26] })
  function place(at: { lat: number; lng: number }, pan: boolean) {
    current = { lat: Number(at.lat.toFixed(6)), lng: Number(at.lng.toFixed(6)) }
    lat.value = String(current.lat)
    lng.value = String(current.lng)
    // The form derives the time zone from where the pin is.
    lat.dispatchEvent(new CustomEvent('pinned', { bubbles: true, detail: current }))
    if (!map) return
    if (!pin) {
      pin = L.marker([current.lat, current.lng], { draggable: true, icon, keyboard: true, title: t('picker.pinTitle') }).addTo(map)
      pin.on('dragend', () => place(pin!.getLatLng(), false))
    } else pin.setLatLng([current.lat, current.lng])
    if (pan) map.panTo([current.lat, current.lng])
  }
  const typed = () => {
    const a = Number(lat.value)
    const b = Number(lng.value)
    if (lat.value && lng.value && Math.abs(a) <= 90 && Math.abs(b) <= 180) place({ lat: a, lng: b }, true)
  }
  lat.addEventListener('change', typed)
  lng.addEventListener('change', typed)

  return {
    mapEl,
    notice,
    lat,
    lng,
    /** Call once the map element is in the document (Leaflet needs its size). */
    attach() {
      const start = current ?? fallback
      map = createMap(mapEl, tileUrl, start, current ? 16 : 13, notice)
      map.on('click', (e: L.LeafletMouseEvent) => place(e.latlng, false))
      if (current) place(current, false)
    },
    value(): { lat: number; lng: number } | undefined {
      return current
    },
  }
}
