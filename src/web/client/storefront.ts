import type { components } from './api-types.gen'
import { api, messageOf, rows } from './api'
import { currentSession, type Session } from './auth'
import { checkoutForm } from './checkout-form'
import { announce, byId, h } from './dom'
import { distanceMeters, formatDistance, formatRating } from './format'
import { openStatus, type Shift, weekLines } from './hours'
import { orderConfirmation } from './orders'
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
    panel.replaceChildren(h('p', { class: 'muted' }, 'Loading shop…'))
    try {
      const [shop, offerBody] = await Promise.all([
        api<Storefront>(`/v1/merchants/${encodeURIComponent(id)}`),
        api<Offering[] | { data: Offering[] }>(`/v1/merchants/${encodeURIComponent(id)}/offerings`),
      ])
      render(shop, rows(offerBody).filter((o) => o.active !== false))
    } catch (err) {
      panel.replaceChildren(closeButton(), h('p', { class: 'form-error', role: 'alert' }, `This shop could not be loaded: ${messageOf(err)}`))
    }
    panel.querySelector<HTMLElement>('h2')?.focus()
  }

  function closeButton() {
    return h('button', { type: 'button', class: 'link back', onclick: close }, '← Back to results')
  }
  function close() {
    panel.hidden = true
    panel.replaceChildren()
    options.onClose()
  }

  function render(shop: Storefront, offerings: Offering[]) {
    const status = openStatus(shop.hours, shop.timezone)
    const form = checkoutForm(shop, offerings, {
      signIn: options.signIn,
      onPlaced: (order, session) => {
        panel.replaceChildren(closeButton(), orderConfirmation(order, session, () => open(shop.id)))
        panel.querySelector<HTMLElement>('#confirmation-title')?.focus()
        announce(order.redemption_code ? `Order placed. Your code is ${order.redemption_code}.` : 'Order placed.', 'success')
      },
    })
    const distance = distanceMeters(options.from(), shop.location)
    panel.replaceChildren(
      ...[
      closeButton(),
      shop.photos?.[0]
        ? h('img', { class: 'cover', src: shop.photos[0].url, alt: `Photo of ${shop.name}`, width: shop.photos[0].width, height: shop.photos[0].height })
        : null,
      h('h2', { tabindex: -1, class: 'shop-name' }, shop.name),
      h('p', { class: 'muted' }, [shop.category, ...shop.tags].join(' · ')),
      h('p', {}, h('span', { class: status.open ? 'badge open' : 'badge closed' }, status.text), ` · ${formatDistance(distance)} away`),
      h('p', { class: 'row spread wrap' }, shop.review_count ? h('a', { class: 'shop-rating', href: '#reviews-title' }, `${formatRating(shop.rating_avg, shop.review_count)} · Read reviews`) : h('span', { class: 'shop-rating muted' }, formatRating(shop.rating_avg, shop.review_count)), shop.share_url ? shareButton(shop.share_url, 'Share shop', `Share ${shop.name}: copy its link`) : null),
      // More than the cover: every photo as a thumbnail that opens large.
      shop.photos && shop.photos.length > 1 ? photoStrip(shop.photos, `Photo of ${shop.name}`) : null,
      shop.description ? h('p', {}, shop.description) : null,
      shop.address ? h('p', {}, shop.address) : null,
      shop.phone ? h('p', {}, h('a', { href: `tel:${shop.phone}` }, shop.phone)) : null,
      h(
        'details',
        { class: 'hours' },
        h('summary', {}, `Opening hours (shop time, ${shop.timezone})`),
        h('dl', {}, ...weekLines(shop.hours).flatMap((l) => [h('dt', {}, l.day), h('dd', {}, l.hours)])),
      ),
      form,
      reviewsSection(shop, { session: () => currentSession('consumer'), signIn: () => options.signIn('Sign in to mark reviews helpful or report them.'), reloadShop: () => void open(shop.id) }),
      ].filter((n) => n !== null) as HTMLElement[],
    )
  }

  /** Re-reads the shop if it is the one on screen (after the person reviewed it elsewhere). */
  function reopen(id: string) {
    if (!panel.hidden && panel.dataset.id === id) void open(id)
  }

  return { open, close, reopen }
}
