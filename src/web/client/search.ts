import type L from 'leaflet'
import type { Listing } from '../../search/nearby.service'
import { api, messageOf, rows } from './api'
import { announce, byId, h } from './dom'
import { formatDistance, formatRating } from './format'
import { categoryName, langOf, locale, t } from './i18n'
import { rovingToolbar } from './roving'
import { categoryForWord } from './synonyms'
import { listingDeal } from './deals'

/** One row of /v1/search/nearby, exactly as the API's search service shapes it. */
export type NearbyResult = Listing

/** A category as GET /v1/categories returns it. */
export interface Category {
  slug: string
  name: string
  name_en?: string
  name_zh?: string | null
}

export interface SearchState {
  q: string
  category?: string | undefined
  openNow: boolean
  hasDeal?: boolean
  hasCoupon?: boolean
}

/** The query parameters the filters set: the list and the map both send exactly these. */
export function filterParams(state: SearchState): URLSearchParams {
  const params = new URLSearchParams()
  if (state.q) params.set('q', state.q)
  if (state.category) params.set('category', state.category)
  if (state.openNow) params.set('open_now', 'true')
  if (state.hasDeal) params.set('has_deal', 'true')
  if (state.hasCoupon) params.set('has_coupon', 'true')
  return params
}

/** Search radius that covers the visible map, capped to what the API accepts. */
function radiusFor(map: L.Map): number {
  const b = map.getBounds()
  const r = map.distance(map.getCenter(), b.getNorthEast())
  return Math.round(Math.min(50_000, Math.max(500, r)))
}

const categories = new Map<string, Category>()
/** A category slug's name in the interface language (the slug until categories have loaded). */
export function categoryLabel(slug: string): string {
  return categoryName(categories.get(slug), slug)
}

/**
 * The search box, category chips (one toolbar: arrow keys inside, one Tab stop), "open now"
 * toggle and result list, querying /v1/search/nearby around the map centre with "Load more"
 * through the cursor. Rows and pins highlight each other; an empty result offers wider searches.
 */
export function createSearch(
  map: L.Map,
  hooks: { onResults: (items: NearbyResult[]) => void; onHover: (id: string | null) => void; onSelect: (id: string) => void; onFilters: () => void },
) {
  const state: SearchState = { q: '', category: undefined, openNow: false }
  const form = byId<HTMLFormElement>('search-form')
  const chips = byId('category-chips')
  const list = byId<HTMLUListElement>('results')
  const summary = byId('results-summary')
  const more = byId('results-more')
  const openNow = form.elements.namedItem('open_now') as HTMLInputElement
  const box = form.elements.namedItem('q') as HTMLInputElement
  let controller: AbortController | undefined
  let sequence = 0
  let items: NearbyResult[] = []

  form.addEventListener('submit', (e) => {
    e.preventDefault()
    void submit(box.value.trim())
  })

  /**
   * Text search first; when nothing matches, a category word ("haircut", "理发") becomes that
   * category's filter, else a place name ("西湖", "West Lake") moves the map there.
   */
  async function submit(q: string) {
    state.openNow = openNow.checked
    state.q = q
    hooks.onFilters()
    if ((await run()) !== 0 || !q) return
    const category = categoryForWord(q)
    if (category) {
      state.q = ''
      state.category = category
      box.value = ''
      markChips()
      announce(t('search.asCategory', { q, category: categoryLabel(category) }))
      hooks.onFilters()
      void run()
      return
    }
    const place = await findPlace(q)
    if (!place) return
    state.q = ''
    box.value = ''
    announce(t('search.movedTo', { place: locale() === 'zh-CN' ? place.name_zh : place.name_en }))
    hooks.onFilters()
    map.setView([place.lat, place.lng], place.zoom)
  }

  async function findPlace(q: string): Promise<{ name_en: string; name_zh: string; lat: number; lng: number; zoom: number } | undefined> {
    try {
      const places = await api<{ data: Array<{ name_en: string; name_zh: string; lat: number; lng: number; zoom: number }> }>(`/v1/places?q=${encodeURIComponent(q)}`)
      return places.data[0]
    } catch {
      return undefined
    }
  }
  openNow.addEventListener('change', () => {
    state.openNow = openNow.checked
    hooks.onFilters()
    void run()
  })

  /** Takes filters from the address bar (a shared link or Back/Forward). */
  function setState(next: SearchState) {
    state.q = next.q
    state.category = next.category
    state.openNow = next.openNow
    box.value = next.q
    openNow.checked = next.openNow
    markChips()
  }

  async function loadCategories() {
    try {
      const cats = rows(await api<{ data: Category[] }>('/v1/categories'))
      for (const c of cats) categories.set(c.slug, c)
      const chip = (slug: string | undefined, name: string) =>
        h('button', { type: 'button', class: 'chip', 'aria-pressed': String(state.category === slug), 'data-category': slug ?? '', onclick: () => pick(slug) }, name)
      chips.replaceChildren(chip(undefined, t('search.all')), ...cats.map((c) => chip(c.slug, categoryName(c))))
      rovingToolbar(chips, '.chip')
      markChips()
      if (items.length) render(items, false)
    } catch (err) {
      chips.replaceChildren(h('span', { class: 'muted' }, t('search.categoriesFailed', { message: messageOf(err) })))
    }
  }

  function markChips() {
    for (const b of chips.querySelectorAll<HTMLButtonElement>('.chip')) b.setAttribute('aria-pressed', String((b.dataset.category || undefined) === state.category))
  }

  function pick(slug: string | undefined) {
    state.category = slug
    markChips()
    hooks.onFilters()
    void run()
  }

  /** Searches around the map centre; resolves with the number of rows shown (undefined if superseded or failed). */
  async function run(cursor?: string): Promise<number | undefined> {
    controller?.abort()
    controller = new AbortController()
    const mine = ++sequence
    const c = map.getCenter()
    const params = filterParams(state)
    for (const [k, v] of Object.entries({ lat: c.lat.toFixed(6), lng: c.lng.toFixed(6), radius_m: String(radiusFor(map)), limit: '30' })) params.set(k, v)
    if (cursor) params.set('cursor', cursor)
    list.setAttribute('aria-busy', 'true')
    try {
      const body = await api<{ data: NearbyResult[]; next_cursor: string | null }>(`/v1/search/nearby?${params}`, { signal: controller.signal })
      if (mine !== sequence) return undefined
      list.dataset.center = `${params.get('lat')},${params.get('lng')}`
      items = cursor ? [...items, ...body.data] : body.data
      render(items, Boolean(cursor))
      more.replaceChildren(body.next_cursor ? h('button', { type: 'button', class: 'load-more', onclick: () => void run(body.next_cursor ?? undefined) }, t('search.loadMore')) : '')
      return items.length
    } catch (err) {
      if (mine !== sequence || (err instanceof DOMException && err.name === 'AbortError')) return undefined
      summary.textContent = t('search.failed', { message: messageOf(err) })
      announce(t('search.failed', { message: messageOf(err) }), 'error')
      return undefined
    } finally {
      if (mine === sequence) list.removeAttribute('aria-busy')
    }
  }

  function describeFilters(): string {
    return [state.q && t('search.quoted', { q: state.q }), state.category && categoryLabel(state.category), state.openNow && t('search.openNowShort')].filter(Boolean).join(', ')
  }

  function render(rows: NearbyResult[], appended: boolean) {
    const what = describeFilters()
    const forWhat = what ? t('search.for', { what }) : ''
    summary.textContent = rows.length === 0 ? t('search.none', { what: forWhat }) : t('search.count', { count: rows.length, what: forWhat })
    const firstNew = appended ? list.children.length : 0
    list.replaceChildren(...(rows.length === 0 ? [suggestions()] : rows.map(row)))
    if (appended) list.querySelectorAll<HTMLElement>('li button.result')[firstNew]?.focus()
    hooks.onResults(rows)
  }

  /** For an empty result: each active filter as a button that drops it. */
  function suggestions(): HTMLElement {
    const drop = (label: string, undo: () => void) => h('button', { type: 'button', class: 'link', onclick: () => (undo(), setState(state), hooks.onFilters(), void run()) }, t('search.dropFilter', { what: label }))
    return h(
      'li',
      { class: 'empty muted' },
      h('p', {}, t('search.tryWider')),
      state.q ? drop(state.q, () => (state.q = '')) : null,
      state.category ? drop(categoryLabel(state.category), () => (state.category = undefined)) : null,
      state.openNow ? drop(t('search.openNowShort'), () => (state.openNow = false)) : null,
    )
  }

  function row(item: NearbyResult): HTMLElement {
    const category = categoryLabel(item.category)
    const rating = formatRating(item.rating, item.review_count)
    const open = item.open_now ? t('result.open') : t('result.closed')
    return h(
      'li',
      { 'data-id': item.id },
      h(
        'button',
        {
          type: 'button',
          class: 'result',
          onclick: () => hooks.onSelect(item.id),
          onmouseenter: () => hooks.onHover(item.id),
          onmouseleave: () => hooks.onHover(null),
          onfocus: () => hooks.onHover(item.id),
          onblur: () => hooks.onHover(null),
        },
        h('span', { class: 'result-name', lang: langOf(item.name) }, item.name),
        h('span', { class: 'result-meta' }, `${category} · ${formatDistance(item.distance_m)} · ${rating}`),
        listingDeal(item),
        // The visible text is the name (no separate aria-label: what is seen is what is read).
        h('span', { class: item.open_now ? 'badge open' : 'badge closed' }, h('span', { class: 'visually-hidden' }, ' · '), open),
      ),
    )
  }

  /** Marks the row for `id` as highlighted (and scrolls it into view when asked). */
  function highlight(id: string | null, scroll = false) {
    for (const li of list.querySelectorAll<HTMLElement>('li')) {
      const on = li.dataset.id === id
      li.classList.toggle('highlighted', on)
      if (on && scroll) li.scrollIntoView({ block: 'nearest' })
    }
  }

  /** Moves keyboard focus back to the row for `id` (after leaving its storefront). */
  function focusRow(id: string) {
    list.querySelector<HTMLElement>(`li[data-id="${CSS.escape(id)}"] button`)?.focus()
  }

  return { state, run: () => run(), setState, loadCategories, highlight, focusRow }
}
