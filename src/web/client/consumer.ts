import '../styles.css'
import { appConfig, messageOf } from './api'
import { createAuthDialog, currentSession, mountAccountArea } from './auth'
import { announce, byId, debounce, h } from './dom'
import { createFeedDialog } from './feed-dialog'
import { createWalletDialog } from './wallet-dialog'
import { mountForYou, recordView } from './for-you'
import { createInterestsDialog } from './interests-dialog'
import { hasMessage, type MessageKey, t, translateDocument } from './i18n'
import { mountLanguageSwitch } from './language-switch'
import { createMap, createOverviewLayer } from './map'
import { createOrdersDialog } from './my-orders'
import { createResultPins } from './pins'
import { go, parseRoute, type Route } from './router'
import { createSearch, filterParams } from './search'
import { splitInvitePage } from './split-invite'
import { mountMapList } from './map-list'
import { createStorefrontPanel } from './storefront'

async function main() {
  translateDocument()
  mountLanguageSwitch(byId<HTMLButtonElement>('lang-switch'))
  const config = await appConfig()
  const initial = parseRoute(location)
  const city = config.cities[0] ?? { name: 'Hangzhou', lat: 30.2741, lng: 120.1551 }
  const start = initial.at ?? { ...city, zoom: 13 }
  const map = createMap(byId('map'), config.mapTileUrl, start, start.zoom)
  ;(window as unknown as { o2oMap: unknown }).o2oMap = map

  const auth = createAuthDialog('consumer')
  const ordersDialog = createOrdersDialog((merchantId) => storefront.reopen(merchantId), (orderId) => showOrder(orderId, 'push'))
  const openOrders = () => {
    const session = currentSession('consumer')
    if (session) void ordersDialog.open(session)
  }
  const feedDialog = createFeedDialog()
  const openFeed = () => {
    const session = currentSession('consumer')
    if (session) void feedDialog.open(session)
  }
  const walletDialog = createWalletDialog((merchantId) => select(merchantId))
  const openWallet = () => {
    const session = currentSession('consumer')
    if (session) void walletDialog.open(session)
  }
  const account = mountAccountArea('consumer', auth, () => undefined, () => [
    h('button', { type: 'button', onclick: openFeed }, t('feed.title')),
    h('button', { type: 'button', onclick: openWallet }, t('coupon.walletTitle')),
    h('button', { type: 'button', onclick: openOrders }, t('orders.title')),
    h('button', { type: 'button', onclick: () => { const s = currentSession('consumer'); if (s) void interests.open(s) } }, t('interests.title')),
  ])
  const interests = createInterestsDialog(() => void forYou.refresh())
  const signIn = async (why = t('checkout.signInWhy')) => {
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
  const here = (): Route => {
    const c = map.getCenter()
    return { view: 'search', q: search.state.q, category: search.state.category, openNow: search.state.openNow, at: { lat: c.lat, lng: c.lng, zoom: map.getZoom() } }
  }
  const storefront = createStorefrontPanel({
    from: () => userLocation ?? map.getCenter(),
    signIn,
    onClose: () => leaveShop('push'),
  })
  function leaveShop(mode: 'push' | 'none') {
    const left = selectedId
    selectedId = null
    pins.highlight(null)
    results.hidden = false
    if (mode === 'push') go(here(), 'push')
    if (left) search.focusRow(left)
  }
  const select = (id: string, mode: 'push' | 'none' = 'push') => {
    selectedId = id
    results.hidden = true
    pins.highlight(id)
    pins.reveal(id)
    if (mode === 'push') go({ ...here(), view: 'shop', id }, 'push')
    void storefront.open(id)
    recordView(id)
  }
  async function showOrder(id: string, mode: 'push' | 'none') {
    const session = await signIn()
    if (!session) return
    selectedId = null
    results.hidden = true
    if (mode === 'push') go({ ...here(), view: 'order', id }, 'push')
    await storefront.showOrder(id, session)
  }
  function showSplit(token: string) {
    selectedId = null
    results.hidden = true
    storefront.showContent(splitInvitePage(token, signIn))
  }
  const pins = createResultPins(map, {
    onHover: (id) => (pins.highlight(id), search.highlight(id, true)),
    onSelect: (id) => select(id),
  })
  const search = createSearch(map, {
    onResults: (items) => {
      pins.show(items)
      pins.highlight(selectedId)
    },
    onHover: (id) => (pins.highlight(id), search.highlight(id)),
    onSelect: (id) => select(id),
    onFilters: () => {
      overview.refresh()
      if (!selectedId) go(here(), 'replace')
    },
  })
  search.setState(initial)
  const overview = createOverviewLayer(map, { filters: () => filterParams(search.state), onSelect: (id) => select(id), onDrawn: mountMapList(byId<HTMLDetailsElement>('map-list')) })
  const forYou = mountForYou({ center: () => map.getCenter(), onSelect: (id) => select(id), openFollowing: openFeed,
    startOn: initial.q || initial.category || initial.openNow || initial.at ? 'nearby' : 'for-you' })
  map.on(
    'moveend',
    debounce(() => {
      void search.run()
      void forYou.refresh()
      // The view is part of the address, without a history entry per pan.
      if (parseRoute(location).view === 'search') go(here(), 'replace')
    }, 300),
  )
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && !document.querySelector('dialog[open]') && !byId('storefront').hidden) storefront.close()
  })
  window.addEventListener('popstate', () => {
    const route = parseRoute(location)
    search.setState(route)
    if (route.at) map.setView([route.at.lat, route.at.lng], route.at.zoom)
    if (route.view === 'shop' && route.id) select(route.id, 'none')
    else if (route.view === 'order' && route.id) void showOrder(route.id, 'none')
    else if (route.view === 'split' && route.id) showSplit(route.id)
    else if (!byId('storefront').hidden) {
      storefront.hide()
      leaveShop('none')
    }
    void search.run()
    overview.refresh()
  })

  const citySelect = byId<HTMLSelectElement>('city')
  const cityName = (name: string) => (hasMessage(`city.${name}`) ? t(`city.${name}` as MessageKey) : name)
  citySelect.replaceChildren(h('option', { value: '' }, t('app.myLocation')), ...config.cities.map((c, i) => h('option', { value: String(i) }, cityName(c.name))))
  citySelect.value = initial.at ? '' : '0'
  citySelect.addEventListener('change', () => {
    if (selectedId) storefront.close()
    const chosen = config.cities[Number(citySelect.value)]
    if (citySelect.value !== '' && chosen) map.setView([chosen.lat, chosen.lng], 13)
    else locate(true)
  })

  function locate(explicit: boolean) {
    if (!('geolocation' in navigator)) return explicit && announce(t('app.noGeolocation'), 'error')
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        userLocation = { lat: pos.coords.latitude, lng: pos.coords.longitude }
        citySelect.value = ''
        if (explicit || !initial.at) map.setView([pos.coords.latitude, pos.coords.longitude], 14)
      },
      () => explicit && announce(t('app.locationUnavailable'), 'error'),
      { timeout: 8000, maximumAge: 600_000 },
    )
  }

  void search.loadCategories()
  void overview.refresh()
  void search.run()
  if (initial.view === 'shop' && initial.id) select(initial.id, 'none')
  else if (initial.view === 'order' && initial.id) void showOrder(initial.id, 'none')
  else if (initial.view === 'split' && initial.id) showSplit(initial.id)
  // A shared link (a position or a shop) should not be moved by the reader's own location.
  if (!initial.at && initial.view === 'search') locate(false)
}

main().catch((err) => announce(t('app.startFailed', { message: messageOf(err) }), 'error'))
