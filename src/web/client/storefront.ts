import type { components } from './api-types.gen'
import { allPages, api, appConfig, messageOf } from './api'
import { currentSession, type Session } from './auth'
import { checkoutForm } from './checkout-form'
import { announce, byId, h } from './dom'
import { followButton } from './follow-button'
import { couponStrip } from './coupon-strip'
import { shopNews } from './shop-news'
import { distanceMeters, formatDistance, formatMoney, formatRating } from './format'
import { openStatus, type Shift, weekLines } from './hours'
import { langOf, t } from './i18n'
import { interestName, loadInterests } from './interest-names'
import { nameShops } from './my-orders'
import { type Order, orderConfirmation } from './orders'
import { reportPlace } from './report-place'
import { splitOrganiserView } from './split-organiser'
import { categoryLabel } from './search'
import { collectCardPayment } from './stripe'
import { reviewsSection } from './reviews/reviews-section'
import { shareButton } from './reviews/share'
import { photoStrip } from './reviews/lightbox'
import type { Photo, RatingSummary } from './reviews/types'

/** A storefront as GET /v1/merchants/:id returns it (generated from the OpenAPI document). */
export type Storefront = components['schemas']['Storefront']

/** An offering as GET /v1/merchants/:id/offerings returns it (generated from the OpenAPI document). */
export type Offering = components['schemas']['Offering']

/**
 * The storefront panel: hours in the shop's local time, offerings with prices, distance, and
 * checkout. `signIn` asks the person to sign in (resolving null if they decline).
 */
export function createStorefrontPanel(options: { from: () => { lat: number; lng: number }; signIn: (why?: string) => Promise<Session | null>; onClose: () => void }) {
  const panel = byId('storefront')

  async function open(id: string) {
    panel.hidden = false
    panel.dataset.id = id
    panel.replaceChildren(h('p', { class: 'muted loading' }, t('shop.loading')))
    try {
      const [shop, offerBody] = await Promise.all([
        api<Storefront>(`/v1/merchants/${encodeURIComponent(id)}`),
        allPages<Offering>(`/v1/merchants/${encodeURIComponent(id)}/offerings`),
        // Tags that are interests are named in the interface language.
        loadInterests().catch(() => undefined),
      ])
      render(shop, offerBody.filter((o) => o.active !== false))
    } catch (err) {
      panel.replaceChildren(closeButton(), h('p', { class: 'form-error', role: 'alert' }, t('shop.loadFailed', { message: messageOf(err) })))
    }
    panel.querySelector<HTMLElement>('h2')?.focus()
  }

  function closeButton() {
    return h('button', { type: 'button', class: 'link back', onclick: close }, t('shop.back'))
  }
  function close() {
    hide()
    options.onClose()
  }
  /** Hides the panel without telling the page (Back already changed the address). */
  function hide() {
    panel.hidden = true
    panel.replaceChildren()
  }

  /** Pays a card order again with its PaymentIntent (Stripe lets a failed intent be confirmed again). */
  async function payByCard(order: Order, host: HTMLElement): Promise<boolean> {
    const { stripePublishableKey } = await appConfig()
    if (!stripePublishableKey || !order.payment.client_secret) return false
    try {
      const result = await collectCardPayment(stripePublishableKey, order.payment.client_secret, host, t('order.retryHeading', { total: formatMoney(order.total_cents, order.currency) }))
      host.replaceChildren()
      return result === 'paid'
    } catch (err) {
      host.replaceChildren(h('p', { class: 'form-error', role: 'alert' }, messageOf(err)))
      return false
    }
  }

  /** An order's confirmation; a split order still collecting shares shows its invites and progress first. */
  function confirmation(order: Order, session: Session, back: () => void): HTMLElement {
    const settled = (o: Order) => orderConfirmation(o, session, back, { payByCard })
    return order.status === 'awaiting_shares' ? splitOrganiserView(order, session, settled) : settled(order)
  }

  /** Shows other content in the panel (a split invite). */
  function showContent(content: HTMLElement) {
    panel.hidden = false
    panel.dataset.id = ''
    panel.replaceChildren(closeButton(), content)
  }

  /** Shows one of the person's orders (its URL is /orders/:id). */
  async function showOrder(id: string, session: Session) {
    panel.hidden = false
    panel.dataset.id = ''
    panel.replaceChildren(h('p', { class: 'muted loading' }, t('order.loading')))
    try {
      const order = await api<Order>(`/v1/orders/${encodeURIComponent(id)}`, { token: session.token })
      await nameShops([order])
      const back = order.merchant_id ? () => void open(order.merchant_id as string) : close
      panel.replaceChildren(closeButton(), confirmation(order, session, back))
      panel.querySelector<HTMLElement>('#confirmation-title, #split-title')?.focus()
    } catch (err) {
      panel.replaceChildren(closeButton(), h('p', { class: 'form-error', role: 'alert' }, messageOf(err)))
    }
  }

  function render(shop: Storefront, offerings: Offering[]) {
    const status = openStatus(shop.hours, shop.timezone)
    const form = checkoutForm(shop, offerings, {
      signIn: options.signIn,
      onPlaced: (placed, session) => {
        const order = { ...placed, merchant_name: shop.name, timezone: shop.timezone }
        panel.replaceChildren(closeButton(), confirmation(order, session, () => open(shop.id)))
        panel.querySelector<HTMLElement>('#confirmation-title, #split-title')?.focus()
        announce(order.redemption_code ? t('order.placedCode', { code: order.redemption_code }) : t('order.placedNoCode'), 'success')
      },
    })
    const distance = distanceMeters(options.from(), shop.location)
    panel.replaceChildren(
      ...[
      closeButton(),
      shop.photos?.[0]
        ? h('img', { class: 'cover', src: shop.photos[0].url, alt: t('shop.photoOf', { name: shop.name }), width: shop.photos[0].width, height: shop.photos[0].height })
        : null,
      h('h2', { tabindex: -1, class: 'shop-name', lang: langOf(shop.name) }, shop.name),
      h('p', { class: 'muted' }, [categoryLabel(shop.category), ...shop.tags.map(interestName)].join(' · ')),
      followButton(shop.id, shop.follower_count ?? 0, options.signIn),
      couponStrip(shop.id, options.signIn),
      h('p', {}, h('span', { class: status.open ? 'badge open' : 'badge closed' }, status.text), ` · ${t('distance.away', { distance: formatDistance(distance) })}`),
      h('p', { class: 'row spread wrap' }, shop.review_count ? h('a', { class: 'shop-rating', href: '#reviews-title' }, t('shop.readReviews', { rating: formatRating(shop.rating_avg, shop.review_count) })) : h('span', { class: 'shop-rating muted' }, formatRating(shop.rating_avg, shop.review_count)), shop.share_url ? shareButton(shop.share_url, t('shop.share'), t('shop.shareLabel', { name: shop.name })) : null),
      // More than the cover: every photo as a thumbnail that opens large.
      shop.photos && shop.photos.length > 1 ? photoStrip(shop.photos, t('shop.photoOf', { name: shop.name })) : null,
      shop.description ? h('p', { lang: langOf(shop.description) }, shop.description) : null,
      shop.address ? h('p', { lang: langOf(shop.address) }, shop.address) : null,
      shop.phone ? h('p', {}, h('a', { href: `tel:${shop.phone}` }, shop.phone)) : null,
      h(
        'details',
        { class: 'hours' },
        h('summary', {}, t('shop.hours', { timezone: shop.timezone })),
        h('dl', {}, ...weekLines(shop.hours).flatMap((l) => [h('dt', {}, l.day), h('dd', {}, l.hours)])),
      ),
      form,
      shopNews(shop.id, options.signIn),
      reviewsSection(shop, { session: () => currentSession('consumer'), signIn: () => options.signIn(t('shop.signInReviews')), reloadShop: () => void open(shop.id) }),
      reportPlace(shop, options.signIn),
      ].filter((n) => n !== null) as HTMLElement[],
    )
  }

  /** Re-reads the shop if it is the one on screen (after the person reviewed it elsewhere). */
  function reopen(id: string) {
    if (!panel.hidden && panel.dataset.id === id) void open(id)
  }

  return { open, close, hide, reopen, showOrder, showContent }
}
