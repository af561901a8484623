/** What the address bar says the consumer page shows. */
export interface Route {
  view: 'search' | 'shop' | 'order' | 'split'
  id?: string
  q: string
  category?: string
  openNow: boolean
  at?: { lat: number; lng: number; zoom: number }
}

const ID = /^[\w-]{1,64}$/

/** Reads a URL (`/?q=…&cat=…&open=1&at=lat,lng,z`, `/shops/:id`, `/orders/:id`, `/split/:token`) into a route. */
export function parseRoute(url: URL | Location): Route {
  const params = new URLSearchParams(url.search)
  const [, first, id] = url.pathname.split('/')
  const views: Record<string, Route['view']> = { shops: 'shop', orders: 'order', split: 'split' }
  const view = first && views[first] && id && ID.test(id) ? (views[first] as Route['view']) : 'search'
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
  const paths = { shop: `/shops/${route.id}`, order: `/orders/${route.id}`, split: `/split/${route.id}`, search: '/' }
  const path = paths[route.view]
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
