/** What the address bar says the consumer page shows. */
export interface Route {
  view: 'search' | 'shop' | 'order'
  id?: string
  q: string
  category?: string
  openNow: boolean
  at?: { lat: number; lng: number; zoom: number }
}

const ID = /^[\w-]{1,64}$/

/** Reads a URL (`/?q=…&cat=…&open=1&at=lat,lng,z`, `/shops/:id`, `/orders/:id`) into a route. */
export function parseRoute(url: URL | Location): Route {
  const params = new URLSearchParams(url.search)
  const [, first, id] = url.pathname.split('/')
  const view = first === 'shops' && id && ID.test(id) ? 'shop' : first === 'orders' && id && ID.test(id) ? 'order' : 'search'
  const at = (params.get('at') ?? '').split(',').map(Number)
  const [lat, lng, zoom] = at as [number, number, number]
  const validAt = at.length === 3 && Math.abs(lat) <= 90 && Math.abs(lng) <= 180 && zoom >= 2 && zoom <= 19
  return {
    view,
    ...(view === 'search' ? {} : { id }),
    q: params.get('q')?.slice(0, 100) ?? '',
    category: params.get('cat') || undefined,
    openNow: params.get('open') === '1',
    ...(validAt ? { at: { lat, lng, zoom: Math.round(zoom) } } : {}),
  }
}

/** The URL for a route (the inverse of parseRoute). */
export function routeUrl(route: Route): string {
  const params = new URLSearchParams()
  if (route.q) params.set('q', route.q)
  if (route.category) params.set('cat', route.category)
  if (route.openNow) params.set('open', '1')
  if (route.at) params.set('at', `${route.at.lat.toFixed(5)},${route.at.lng.toFixed(5)},${route.at.zoom}`)
  const path = route.view === 'shop' ? `/shops/${route.id}` : route.view === 'order' ? `/orders/${route.id}` : '/'
  const query = params.toString().replace(/%2C/g, ',')
  return query ? `${path}?${query}` : path
}

/** Puts `route` in the address bar: a new history entry (`push`) or the current one replaced. */
export function go(route: Route, mode: 'push' | 'replace'): void {
  const url = routeUrl(route)
  if (url === location.pathname + location.search) return
  if (mode === 'push') history.pushState(null, '', url)
  else history.replaceState(null, '', url)
}
