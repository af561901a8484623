import '../../styles.css'
import { allPages, api, appConfig, messageOf } from '../api'
import { createAuthDialog, currentSession, mountAccountArea, type Session, signOut } from '../auth'
import { announce, byId, h } from '../dom'
import { t, translateDocument } from '../i18n'
import { mountLanguageSwitch } from '../language-switch'
import type { Storefront } from '../storefront'
import { counterSection } from './counter'
import { couponsSection } from './coupons'
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
        h('h2', {}, t('console.introTitle')),
        h('p', {}, t('console.intro')),
        h('div', { class: 'row' }, h('button', { type: 'button', class: 'primary', onclick: () => auth.open('register').then(done) }, t('console.createAccount')), h('button', { type: 'button', onclick: () => auth.open('login').then(done) }, t('auth.signIn'))),
      ),
    )
    return
  }
  root.replaceChildren(h('p', { class: 'muted loading' }, t('console.loadingShops')))
  let shops: Storefront[]
  try {
    shops = await allPages<Storefront>('/v1/merchants?owner=me', { token: session.token })
  } catch (err) {
    if ((err as { status?: number }).status === 401) {
      signOut('merchant')
      account.render()
      return render(null)
    }
    root.replaceChildren(h('p', { class: 'form-error', role: 'alert' }, t('console.shopsFailed', { message: messageOf(err) })))
    return
  }
  const shop = shops.find((s) => s.id === selectedId) ?? (selectedId === 'new' ? null : (shops[0] ?? null))
  const picker = h('select', { id: 'shop-picker', 'aria-label': t('console.storefront') }, ...shops.map((s) => h('option', { value: s.id }, s.name)), h('option', { value: 'new' }, t('console.newShop')))
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
  const bar = h('div', { class: 'row spread shop-bar' }, h('label', { class: 'row' }, t('console.storefront'), picker))
  if (shop) {
    const live = shop.status === 'active'
    // Publishing puts the storefront on the map; unpublishing takes it back to draft (e.g. to withdraw its last offering).
    const toggle = h('button', { type: 'button', class: live ? null : 'primary', id: live ? 'unpublish' : 'publish' }, live ? t('console.unpublish') : t('console.publish'))
    toggle.addEventListener('click', async () => {
      toggle.disabled = true
      try {
        await api(`/v1/merchants/${shop.id}/${live ? 'unpublish' : 'publish'}`, { method: 'POST', token: session.token })
        announce(t(live ? 'console.unpublished' : 'console.published', { name: shop.name }), 'success')
        await render(session)
      } catch (err) {
        announce(t(live ? 'console.unpublishFailed' : 'console.publishFailed', { message: messageOf(err) }), 'error')
        toggle.disabled = false
      }
    })
    bar.append(h('span', { class: 'row' }, h('span', { class: `badge status-${shop.status}`, id: 'shop-status' }, live ? t('console.live') : t('console.draft')), toggle))
  }
  root.replaceChildren(
    shops.length ? bar : h('p', { class: 'muted' }, t('console.welcome')),
    h(
      'div',
      { class: shop ? 'console-grid' : 'console-grid single' },
      shop ? h('div', { class: 'stack' }, counterSection(session, shop), dayViewSection(session, shop), shop.status === 'active' ? reviewsInboxSection(session, shop) : null, shop.status === 'active' ? couponsSection(session, shop) : null, shop.status === 'active' ? postsSection(session, shop) : null, config.stripePublishableKey ? payoutsSection(session, shop) : cardsOffPanel()) : null,
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
    h('h2', { id: 'cards-off-title' }, t('cardsOff.title')),
    h('p', {}, t('cardsOff.what')),
    h('p', {}, h('strong', {}, t('cardsOff.how'))),
    h('ol', { class: 'steps' }, h('li', {}, t('cardsOff.step1')), h('li', {}, t('cardsOff.step2')), h('li', {}, t('cardsOff.step3'))),
  )
}

const done = (s: Session | null) => {
  if (!s) return
  account.render()
  void render(s)
}
const account = mountAccountArea('merchant', auth, (s) => void render(s))
translateDocument()
mountLanguageSwitch(byId<HTMLButtonElement>('lang-switch'))
render(currentSession('merchant')).catch((err) => announce(t('console.startFailed', { message: messageOf(err) }), 'error'))
