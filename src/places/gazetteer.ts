import type { Geocoder, Place } from './geocoder'

/** Neighbourhoods and landmarks of the demo cities, in English and Chinese. */
export const GAZETTEER: readonly Place[] = [
  { name_en: 'West Lake', name_zh: '西湖', lat: 30.2459, lng: 120.1487, zoom: 14 },
  { name_en: 'Wulin Square', name_zh: '武林广场', lat: 30.2758, lng: 120.1647, zoom: 16 },
  { name_en: 'Hubin', name_zh: '湖滨', lat: 30.2577, lng: 120.1638, zoom: 16 },
  { name_en: 'Hefang Street', name_zh: '河坊街', lat: 30.2425, lng: 120.1689, zoom: 16 },
  { name_en: 'Hangzhou East Railway Station', name_zh: '杭州东站', lat: 30.2907, lng: 120.2127, zoom: 15 },
  { name_en: 'Qianjiang New Town', name_zh: '钱江新城', lat: 30.2454, lng: 120.2107, zoom: 15 },
  { name_en: 'Binjiang', name_zh: '滨江', lat: 30.2084, lng: 120.2119, zoom: 14 },
  { name_en: 'The Bund', name_zh: '外滩', lat: 31.2400, lng: 121.4900, zoom: 15 },
  { name_en: "People's Square", name_zh: '人民广场', lat: 31.2325, lng: 121.4757, zoom: 15 },
  { name_en: 'Lujiazui', name_zh: '陆家嘴', lat: 31.2397, lng: 121.4998, zoom: 15 },
  { name_en: 'Xintiandi', name_zh: '新天地', lat: 31.2196, lng: 121.4750, zoom: 16 },
  { name_en: 'Jing’an Temple', name_zh: '静安寺', lat: 31.2236, lng: 121.4454, zoom: 16 },
  { name_en: 'Times Square', name_zh: '时代广场', lat: 40.758, lng: -73.9855, zoom: 16 },
  { name_en: 'Chinatown Manhattan', name_zh: '曼哈顿唐人街', lat: 40.7158, lng: -73.997, zoom: 16 },
  { name_en: 'Flushing', name_zh: '法拉盛', lat: 40.7596, lng: -73.8303, zoom: 15 },
  { name_en: 'Soho London', name_zh: '伦敦苏豪区', lat: 51.5136, lng: -0.1365, zoom: 16 },
  { name_en: 'Chinatown London', name_zh: '伦敦唐人街', lat: 51.5111, lng: -0.131, zoom: 17 },
]

const fold = (s: string) => s.normalize('NFKC').toLowerCase().replace(/[’'\s]+/g, ' ').trim()

/** The demo geocoder: places whose English or Chinese name contains the query, best match first. */
export function gazetteerGeocoder(places: readonly Place[] = GAZETTEER): Geocoder {
  return {
    async search(query, limit) {
      const q = fold(query)
      if (!q) return []
      const score = (p: Place) => {
        const names = [fold(p.name_en), fold(p.name_zh)]
        if (names.includes(q)) return 0
        if (names.some((n) => n.startsWith(q))) return 1
        return names.some((n) => n.includes(q) || (q.length >= 2 && q.includes(n))) ? 2 : -1
      }
      return places
        .map((p) => ({ p, s: score(p) }))
        .filter((x) => x.s >= 0)
        .sort((a, b) => a.s - b.s)
        .slice(0, limit)
        .map((x) => x.p)
    },
  }
}
