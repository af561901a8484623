import type L from 'leaflet'
import type { Listing } from '../../search/nearby.service'
import { api, messageOf, rows } from './api'
import { announce, byId, h } from './dom'
import { formatDistance, formatRating } from './format'

/** One row of /v1/search/nearby, exactly as the API's search service shapes it. */
export type NearbyResult = Listing

export interface SearchState {
  q: string
  category: string | undefined
  openNow: boolean
}

/** Search radius that covers the visible map, capped to what the API accepts. */
function radiusFor(map: L.Map): number {
  const b = map.getBounds()
  const r = map.distance(map.getCenter(), b.getNorthEast())
  return Math.round(Math.min(50_000, Math.max(500, r)))
}

/**
 * The search box, category chips, "open now" toggle and result list, querying
 * /v1/search/nearby around the map centre. Rows and pins highlight each other.
 */
export function createSearch(
  map: L.Map,
  hooks: { onResults: (items: NearbyResult[]) => void; onHover: (id: string | null) => void; onSelect: (id: string) => void; onCategory: () => void },
) {
  const state: SearchState = { q: '', category: undefined, openNow: false }
  const form = byId<HTMLFormElement>('search-form')
  const chips = byId('category-chips')
  const list = byId<HTMLUListElement>('results')
  const summary = byId('results-summary')
  let controller: AbortController | undefined
  let sequence = 0

  form.addEventListener('submit', (e) => {
    e.preventDefault()
    state.q = String(new FormData(form).get('q') ?? '').trim()
    state.openNow = (form.elements.namedItem('open_now') as HTMLInputElement).checked
    void run()
  })
  ;(form.elements.namedItem('open_now') as HTMLInputElement).addEventListener('change', (e) => {
    state.openNow = (e.target as HTMLInputElement).checked
    void run()
  })

  async function loadCategories() {
    try {
      const cats = rows(await api<Array<{ slug: string; name: string }> | { data: Array<{ slug: string; name: string }> }>('/v1/categories'))
      const chip = (slug: string | undefined, name: string) =>
        h('button', { type: 'button', class: 'chip', 'aria-pressed': String(state.category === slug), 'data-category': slug ?? '', onclick: () => pick(slug) }, name)
      chips.replaceChildren(chip(undefined, 'All'), ...cats.map((c) => chip(c.slug, c.name)))
    } catch (err) {
      chips.replaceChildren(h('span', { class: 'muted' }, `Categories unavailable: ${messageOf(err)}`))
    }
  }

  function pick(slug: string | undefined) {
    state.category = slug
    for (const b of chips.querySelectorAll<HTMLButtonElement>('.chip')) b.setAttribute('aria-pressed', String((b.dataset.category || undefined) === slug))
    hooks.onCategory()
    void run()
  }

  async function run() {
    controller?.abort()
    controller = new AbortController()
    const mine = ++sequence
    const c = map.getCenter()
    const params = new URLSearchParams({ lat: c.lat.toFixed(6), lng: c.lng.toFixed(6), radius_m: String(radiusFor(map)), limit: '30' })
    if (state.q) params.set('q', state.q)
    if (state.category) params.set('category', state.category)
    if (state.openNow) params.set('open_now', 'true')
    list.setAttribute('aria-busy', 'true')
    try {
      const body = await api<{ data: NearbyResult[] } | NearbyResult[]>(`/v1/search/nearby?${params}`, { signal: controller.signal })
      if (mine !== sequence) return
      list.dataset.center = `${params.get('lat')},${params.get('lng')}`
      render(rows(body))
    } catch (err) {
      if (mine !== sequence || (err instanceof DOMException && err.name === 'AbortError')) return
      summary.textContent = `Search failed: ${messageOf(err)}`
      announce(`Search failed: ${messageOf(err)}`, 'error')
    } finally {
      if (mine === sequence) list.removeAttribute('aria-busy')
    }
  }

  function render(items: NearbyResult[]) {
    const what = [state.q && `“${state.q}”`, state.category, state.openNow && 'open now'].filter(Boolean).join(', ')
    summary.textContent = items.length === 0 ? `No shops found${what ? ` for ${what}` : ''} in this area.` : `${items.length} shop${items.length === 1 ? '' : 's'}${what ? ` for ${what}` : ''} near the map centre`
    list.replaceChildren(
      ...items.map((item) =>
        h(
          'li',
          { 'data-id': item.id },
          h(
            'button',
            {
              type: 'button',
              class: 'result',
              'aria-label': `${item.name}, ${item.category}, ${formatDistance(item.distance_m)}, ${formatRating(item.rating, item.review_count)}, ${item.open_now ? 'open now' : 'closed'}`,
              onclick: () => hooks.onSelect(item.id),
              onmouseenter: () => hooks.onHover(item.id),
              onmouseleave: () => hooks.onHover(null),
              onfocus: () => hooks.onHover(item.id),
              onblur: () => hooks.onHover(null),
            },
            h('span', { class: 'result-name' }, item.name),
            h('span', { class: 'result-meta' }, `${item.category} · ${formatDistance(item.distance_m)} · ${formatRating(item.rating, item.review_count)}`),
            h('span', { class: item.open_now ? 'badge open' : 'badge closed' }, item.open_now ? 'Open' : 'Closed'),
          ),
        ),
      ),
    )
    hooks.onResults(items)
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

  return { state, run, loadCategories, highlight, focusRow }
}
