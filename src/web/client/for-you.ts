import { api, messageOf } from './api'
import type { components } from './api-types.gen'
import { currentSession } from './auth'
import { announce, byId, h } from './dom'
import { formatDistance } from './format'
import { hasMessage, locale, type MessageKey, t } from './i18n'
import { interestName, loadInterests } from './interest-names'

type Recommendation = components['schemas']['Recommendation']
type Reason = components['schemas']['RecommendationReason']
type Tab = 'for-you' | 'nearby'

/** A reason in the interface language, from its code and params (the API's English text as a fallback); interests by their names. */
export function reasonText(r: Reason): string {
  const p = r.params
  const key =
    r.code === 'similar_to_your_place' ? `forYou.reason.similar.${String(p.action)}`
    : r.code === 'interest' ? `forYou.reason.interest.${String(p.source)}`
    : r.code === 'distance' ? `forYou.reason.distance.${p.open_now ? 'open' : 'closed'}`
    : `forYou.reason.${r.code}`
  if (!hasMessage(key)) return r.text
  const params: Record<string, string | number> = {}
  for (const [name, value] of Object.entries(p)) params[name] = typeof value === 'boolean' ? String(value) : value
  if (typeof p.distance_m === 'number') params.distance = formatDistance(p.distance_m)
  // Mid-sentence in English: "…who like live music", as the API's text reads.
  if (typeof p.tag === 'string') params.tag = r.code === 'interest_group' && locale() === 'en' ? interestName(p.tag).toLowerCase() : interestName(p.tag)
  return t(key as MessageKey, params)
}

/**
 * The consumer home's tabs: "For you" (recommendations near the map centre, with their reasons and
 * "Not interested"), "Nearby" (the search results) and "Following" (the feed dialog). The home
 * opens on "For you"; a link to a search or a map position opens on "Nearby", as it was shared.
 */
export function mountForYou(options: { center: () => { lat: number; lng: number }; onSelect: (id: string) => void; openFollowing: () => void; startOn: Tab }) {
  const section = byId('results-section')
  const list = h('ul', { class: 'for-you-list', 'aria-label': t('forYou.tab') })
  const summary = h('p', { class: 'muted for-you-summary', 'aria-live': 'polite' }, t('forYou.loading'))
  const panel = h('div', { id: 'for-you', class: 'for-you', role: 'tabpanel', 'aria-labelledby': 'tab-for-you' }, summary, list)
  const tab = (id: string, label: string, onclick: () => void) => h('button', { type: 'button', role: 'tab', id, onclick }, label)
  const forYouTab = tab('tab-for-you', t('forYou.tab'), () => select('for-you'))
  const nearbyTab = tab('tab-nearby', t('forYou.nearby'), () => select('nearby'))
  const followingTab = tab('tab-following', t('forYou.following'), () => options.openFollowing())
  const tabs = h('div', { class: 'home-tabs', role: 'tablist', 'aria-label': t('forYou.tabs') }, forYouTab, nearbyTab, followingTab)
  section.prepend(tabs, panel)

  let current: Tab = 'for-you'
  function select(next: Tab) {
    current = next
    section.classList.toggle('showing-for-you', next === 'for-you')
    forYouTab.setAttribute('aria-selected', String(next === 'for-you'))
    nearbyTab.setAttribute('aria-selected', String(next === 'nearby'))
    followingTab.setAttribute('aria-selected', 'false')
    if (next === 'for-you') void refresh()
  }
  // Searching shows the search results.
  const form = byId('search-form')
  for (const type of ['submit', 'input', 'change']) form.addEventListener(type, () => current === 'for-you' && select('nearby'))

  async function notInterested(item: Recommendation, card: HTMLElement) {
    const session = currentSession('consumer')
    if (!session) return announce(t('forYou.signInToHide'))
    try {
      await api(`/v1/me/hidden-storefronts/${item.id}`, { method: 'PUT', token: session.token })
      card.remove()
      announce(t('forYou.hidden', { name: item.name }))
    } catch (err) {
      announce(messageOf(err), 'error')
    }
  }

  function card(item: Recommendation): HTMLElement {
    const li = h('li', { class: 'for-you-card', 'data-id': item.id })
    li.append(
      h('button', { type: 'button', class: 'for-you-name', onclick: () => options.onSelect(item.id) }, item.name),
      h('ul', { class: 'for-you-reasons' }, ...item.reasons.map((r) => h('li', { 'data-code': r.code }, reasonText(r)))),
      h('button', { type: 'button', class: 'for-you-hide', onclick: () => void notInterested(item, li) }, t('forYou.notInterested')),
    )
    return li
  }

  let seq = 0
  async function refresh() {
    if (current !== 'for-you') return
    const mine = ++seq
    const c = options.center()
    try {
      const [page] = await Promise.all([
        api<components['schemas']['RecommendationPage']>(`/v1/recommendations?lat=${c.lat.toFixed(5)}&lng=${c.lng.toFixed(5)}&limit=20`, {
          token: currentSession('consumer')?.token ?? null,
        }),
        // Interest reasons name the interest in the interface language; without names they show tags.
        loadInterests().catch(() => undefined),
      ])
      if (mine !== seq) return
      summary.textContent = page.data.length === 0 ? t('forYou.empty') : page.cold_start ? t('forYou.coldStart') : t('forYou.personal')
      list.replaceChildren(...page.data.map(card))
    } catch (err) {
      if (mine === seq) summary.textContent = messageOf(err)
    }
  }
  select(options.startOn)
  return { refresh }
}

/** Counts a signed-in view of a storefront page (the API keeps one per day). */
export function recordView(merchantId: string): void {
  const session = currentSession('consumer')
  if (session) void api('/v1/events/view', { method: 'POST', token: session.token, body: { merchant_id: merchantId } }).catch(() => undefined)
}
