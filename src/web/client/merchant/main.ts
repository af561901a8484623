import '../../styles.css'
import { allPages, api, appConfig, messageOf } from '../api'
import { createAuthDialog, currentSession, mountAccountArea, type Session, signOut } from '../auth'
import { announce, byId, h } from '../dom'
import type { Storefront } from '../storefront'
import { counterSection } from './counter'
import { dayViewSection } from './day-view'
import { offeringsSection } from './offerings'
import { payoutsSection } from './payouts'
import { postsSection } from './posts'
import { reviewsInboxSection } from './reviews-inbox'
import { storefrontForm } from './storefront-form'

const root = byId('console')
const auth = createAuthDialog('merchant')
let selectedId: string | null = null

async function render(session: Session | null) {
  if (!session) {
    root.replaceChildren(
      h(
        'section',
        { class: 'card stack intro' },
        h('h2', {}, 'Run your storefront'),
        h('p', {}, 'List your shop on the map, sell services and vouchers, and redeem customer codes at the counter.'),
        h('div', { class: 'row' }, h('button', { type: 'button', class: 'primary', onclick: () => auth.open('register').then(done) }, 'Create a merchant account'), h('button', { type: 'button', onclick: () => auth.open('login').then(done) }, 'Sign in')),
      ),
    )
    return
  }
  root.replaceChildren(h('p', { class: 'muted' }, 'Loading your storefronts…'))
  let shops: Storefront[]
  try {
    shops = await allPages<Storefront>('/v1/merchants?owner=me', { token: session.token })
  } catch (err) {
    if ((err as { status?: number }).status === 401) {
      signOut('merchant')
      account.render()
      return render(null)
    }
    root.replaceChildren(h('p', { class: 'form-error', role: 'alert' }, `Your storefronts could not be loaded: ${messageOf(err)}`))
    return
  }
  const shop = shops.find((s) => s.id === selectedId) ?? (selectedId === 'new' ? null : (shops[0] ?? null))
  const picker = h('select', { id: 'shop-picker', 'aria-label': 'Storefront' }, ...shops.map((s) => h('option', { value: s.id }, s.name)), h('option', { value: 'new' }, '+ New storefront'))
  picker.value = shop?.id ?? 'new'
  picker.addEventListener('change', () => {
    selectedId = picker.value
    void render(session)
  })
  const config = await appConfig()
  const form = await storefrontForm(session, config, shop, (saved) => {
    selectedId = saved.id
    void render(session)
  })
  const bar = h('div', { class: 'row spread shop-bar' }, h('label', { class: 'row' }, 'Storefront', picker))
  if (shop) {
    const live = shop.status === 'active'
    // Publishing puts the storefront on the map; unpublishing takes it back to draft (e.g. to withdraw its last offering).
    const toggle = h('button', { type: 'button', class: live ? null : 'primary', id: live ? 'unpublish' : 'publish' }, live ? 'Unpublish' : 'Publish')
    toggle.addEventListener('click', async () => {
      toggle.disabled = true
      try {
        await api(`/v1/merchants/${shop.id}/${live ? 'unpublish' : 'publish'}`, { method: 'POST', token: session.token })
        announce(live ? `${shop.name} is a draft again: it is off the map.` : `${shop.name} is live: customers can now find it on the map.`, 'success')
        await render(session)
      } catch (err) {
        announce(`Could not ${live ? 'unpublish' : 'publish'}: ${messageOf(err)}`, 'error')
        toggle.disabled = false
      }
    })
    bar.append(h('span', { class: 'row' }, h('span', { class: `badge status-${shop.status}`, id: 'shop-status' }, live ? 'Live' : 'Draft'), toggle))
  }
  root.replaceChildren(
    shops.length ? bar : h('p', { class: 'muted' }, 'Welcome! Create your first storefront: it stays a draft until you publish it.'),
    h(
      'div',
      { class: shop ? 'console-grid' : 'console-grid single' },
      shop ? h('div', { class: 'stack' }, counterSection(session, shop), dayViewSection(session, shop), shop.status === 'active' ? reviewsInboxSection(session, shop) : null, shop.status === 'active' ? postsSection(session, shop) : null, config.stripePublishableKey ? payoutsSection(session, shop) : cardsOffPanel()) : null,
      h('div', { class: 'stack' }, h('section', { class: 'card' }, form), shop ? offeringsSection(session, shop) : null),
    ),
  )
  form.attachMap()
}

/** Shown when the server has no Stripe keys: what that means and how the operator turns card payments on. */
function cardsOffPanel(): HTMLElement {
  return h(
    'section',
    { class: 'card stack cards-off', 'aria-labelledby': 'cards-off-title' },
    h('h2', { id: 'cards-off-title' }, 'Card payments are off'),
    h('p', {}, 'Customers can order and pay in cash at your counter. Paying by card online and payouts to your bank are not switched on for this server.'),
    h('p', {}, 'To turn them on, whoever runs this server sets STRIPE_SECRET_KEY, STRIPE_PUBLISHABLE_KEY and STRIPE_WEBHOOK_SECRET (see “Payments” in the README) and restarts it. Then “Set up payouts” appears here.'),
  )
}

const done = (s: Session | null) => {
  if (!s) return
  account.render()
  void render(s)
}
const account = mountAccountArea('merchant', auth, (s) => void render(s))
render(currentSession('merchant')).catch((err) => announce(`The console could not start: ${messageOf(err)}`, 'error'))
