import '../styles.css'
import { appConfig, messageOf } from './api'
import { createAuthDialog, currentSession, mountAccountArea } from './auth'
import { announce, byId, debounce, h } from './dom'
import { createFeedDialog } from './feed-dialog'
import { createMap, createOverviewLayer } from './map'
import { createOrdersDialog } from './my-orders'
import { createResultPins } from './pins'
import { createSearch } from './search'
import { createStorefrontPanel } from './storefront'

async function main() {
  const config = await appConfig()
  const city = config.cities[0] ?? { name: 'Hangzhou', lat: 30.2741, lng: 120.1551 }
  const map = createMap(byId('map'), config.mapTileUrl, city, 13)
  ;(window as unknown as { o2oMap: unknown }).o2oMap = map

  const auth = createAuthDialog('consumer')
  const ordersDialog = createOrdersDialog((merchantId) => storefront.reopen(merchantId))
  const openOrders = () => {
    const session = currentSession('consumer')
    if (session) void ordersDialog.open(session)
  }
  const feedDialog = createFeedDialog()
  const openFeed = () => {
    const session = currentSession('consumer')
    if (session) void feedDialog.open(session)
  }
  const account = mountAccountArea('consumer', auth, () => undefined, () => [
    h('button', { type: 'button', onclick: openFeed }, 'Following'),
    h('button', { type: 'button', onclick: openOrders }, 'My orders'),
  ])
  const signIn = async (why = 'Sign in or create an account to place your order.') => {
    const existing = currentSession('consumer')
    if (existing) return existing
    announce(why)
    const session = await auth.open('login')
    account.render()
    return session
  }

  let userLocation: { lat: number; lng: number } | undefined
  let selectedId: string | null = null
  const results = byId('results-section')
  const storefront = createStorefrontPanel({
    from: () => userLocation ?? map.getCenter(),
    signIn,
    onClose: () => {
      const left = selectedId
      selectedId = null
      pins.highlight(null)
      results.hidden = false
      if (left) search.focusRow(left)
    },
  })
  const select = (id: string) => {
    selectedId = id
    results.hidden = true
    pins.highlight(id)
    pins.reveal(id)
    void storefront.open(id)
  }
  const pins = createResultPins(map, {
    onHover: (id) => (pins.highlight(id), search.highlight(id, true)),
    onSelect: select,
  })
  const search = createSearch(map, {
    onResults: (items) => {
      pins.show(items)
      pins.highlight(selectedId)
    },
    onHover: (id) => (pins.highlight(id), search.highlight(id)),
    onSelect: select,
    onCategory: () => overview.refresh(),
  })
  const overview = createOverviewLayer(map, { category: () => search.state.category, onSelect: select })
  map.on(
    'moveend',
    debounce(() => void search.run(), 300),
  )

  const citySelect = byId<HTMLSelectElement>('city')
  citySelect.replaceChildren(h('option', { value: '' }, 'My location'), ...config.cities.map((c, i) => h('option', { value: String(i) }, c.name)))
  citySelect.value = '0'
  citySelect.addEventListener('change', () => {
    if (selectedId) storefront.close()
    const chosen = config.cities[Number(citySelect.value)]
    if (citySelect.value !== '' && chosen) map.setView([chosen.lat, chosen.lng], 13)
    else locate(true)
  })

  function locate(explicit: boolean) {
    if (!('geolocation' in navigator)) return explicit && announce('Your browser cannot share its location; pick a city instead.', 'error')
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        userLocation = { lat: pos.coords.latitude, lng: pos.coords.longitude }
        citySelect.value = ''
        map.setView([pos.coords.latitude, pos.coords.longitude], 14)
      },
      () => explicit && announce('Location is not available; showing a demo city instead.', 'error'),
      { timeout: 8000, maximumAge: 600_000 },
    )
  }

  void search.loadCategories()
  void overview.refresh()
  void search.run()
  locate(false)
}

main().catch((err) => announce(`The page could not start: ${messageOf(err)}`, 'error'))
