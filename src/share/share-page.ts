import type { Storefront } from '../merchants'
import type { Review } from '../reviews'
import { escapeHtml as e, scriptJson, stars } from './html'
import { localBusinessLd, reviewLd } from './json-ld'

const DAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;margin:0;color:#1d2430;background:#f6f7f9}
main{max-width:680px;margin:0 auto;padding:16px}img.cover{width:100%;max-height:320px;object-fit:cover;border-radius:8px}
h1{margin:.4em 0 .1em}.rating{font-size:1.1em;color:#b7791f}.muted{color:#667085}
.bars div{display:flex;gap:8px;align-items:center}.bars span.bar{display:inline-block;height:8px;background:#f6ad55;border-radius:4px}
article{background:#fff;border-radius:8px;padding:12px 16px;margin:12px 0;box-shadow:0 1px 2px #0001}
article.focus{outline:2px solid #f6ad55}.reply{border-left:3px solid #cbd5e1;padding-left:10px;margin-top:8px}
.photos img{width:96px;height:96px;object-fit:cover;border-radius:4px;margin-right:4px}a{color:#2b6cb0}`

export interface SharePage {
  store: Storefront
  reviews: Review[]
  /** The review this page is about (`/s/:id/reviews/:reviewId`), shown first. */
  focus?: Review
  /** Absolute origin (scheme://host) for canonical links and preview images. */
  origin: string
  coverUrl: string | null
}

function hoursHtml(store: Storefront): string {
  if (store.hours.length === 0) return ''
  const rows = [1, 2, 3, 4, 5, 6, 0].map((day) => {
    const shifts = store.hours.filter((s) => s.day === day).map((s) => (s.open === '00:00' && s.close === '00:00' ? 'open 24 hours' : `${s.open}–${s.close}`))
    return `<li>${DAY_NAMES[day]}: ${e(shifts.join(', ') || 'closed')}</li>`
  })
  return `<h2>Opening hours</h2><ul class="muted">${rows.join('')}</ul>`
}

function ratingHtml(store: Storefront): string {
  if (store.review_count === 0 || store.rating_avg === null) return '<p class="muted">No reviews yet</p>'
  const max = Math.max(...Object.values(store.rating_counts), 1)
  const bars = (['5', '4', '3', '2', '1'] as const)
    .map((star) => `<div>${star}★ <span class="bar" style="width:${Math.round((store.rating_counts[star] / max) * 160)}px"></span> ${store.rating_counts[star]}</div>`)
    .join('')
  return `<p class="rating">${stars(store.rating_avg)} ${store.rating_avg.toFixed(2)} · ${store.review_count} review${store.review_count === 1 ? '' : 's'}</p><div class="bars">${bars}</div>`
}

function reviewHtml(review: Review, focus: boolean): string {
  const photos = review.photos.length ? `<div class="photos">${review.photos.map((p) => `<img src="${e(p.thumbnail_url)}" alt="" loading="lazy">`).join('')}</div>` : ''
  const items = review.visit.items.map((i) => `${i.name} × ${i.quantity}`).join(', ')
  const reply = review.reply ? `<div class="reply"><strong>Reply from the owner</strong><p>${e(review.reply.text)}</p></div>` : ''
  return `<article${focus ? ' class="focus"' : ''} id="review-${e(review.id)}">
<div class="rating">${stars(review.rating)}</div>
<strong>${e(review.author.display_name)}</strong> <span class="muted">· verified visit ${e(review.visit.visited_at.slice(0, 10))}${items ? ` · ${e(items)}` : ''}</span>
<p>${e(review.text)}</p>${photos}${reply}
<a class="muted" href="${e(review.share_url)}">Link to this review</a>
</article>`
}

/** The server-rendered public page of a storefront, or of one of its reviews when `focus` is given. */
export function renderSharePage(page: SharePage): string {
  const { store, focus, origin, coverUrl } = page
  const others = page.reviews.filter((r) => r.id !== focus?.id)
  const url = `${origin}${focus ? focus.share_url : store.share_url}`
  const ratingText = store.rating_avg !== null ? `${store.rating_avg.toFixed(1)}★ from ${store.review_count} review${store.review_count === 1 ? '' : 's'}` : 'No reviews yet'
  const title = focus ? `${stars(focus.rating)} ${focus.author.display_name} on ${store.name}` : store.name
  const description = focus
    ? focus.text.slice(0, 200) || `${focus.rating}-star review of ${store.name}`
    : [ratingText, store.address, store.description].filter(Boolean).join(' · ').slice(0, 300)
  const ld = focus ? { '@context': 'https://schema.org', ...reviewLd(focus, origin), itemReviewed: localBusinessLd(store, [], origin, coverUrl) } : localBusinessLd(store, others, origin, coverUrl)
  const meta = [
    ['og:type', 'business.business'],
    ['og:title', title],
    ['og:description', description],
    ['og:url', url],
    ...(coverUrl ? [['og:image', coverUrl]] : []),
  ]
    .map(([k, v]) => `<meta property="${k}" content="${e(v as string)}">`)
    .join('\n')
  const twitter = [
    ['twitter:card', coverUrl ? 'summary_large_image' : 'summary'],
    ['twitter:title', title],
    ['twitter:description', description],
    ...(coverUrl ? [['twitter:image', coverUrl]] : []),
  ]
    .map(([k, v]) => `<meta name="${k}" content="${e(v as string)}">`)
    .join('\n')
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${e(title)}</title>
<meta name="description" content="${e(description)}">
<link rel="canonical" href="${e(url)}">
${meta}
${twitter}
<script type="application/ld+json">${scriptJson(ld)}</script>
<style>${STYLE}</style></head>
<body><main>
${coverUrl ? `<img class="cover" src="${e(coverUrl)}" alt="${e(store.name)}">` : ''}
<h1>${e(store.name)}</h1>
${store.address ? `<p class="muted">${e(store.address)}</p>` : ''}
${ratingHtml(store)}
${store.description ? `<p>${e(store.description)}</p>` : ''}
${hoursHtml(store)}
<p><a href="/">Find it on the map and order</a></p>
${focus ? reviewHtml(focus, true) : ''}
${others.length ? `<h2>${focus ? 'More reviews' : 'Latest reviews'}</h2>${others.map((r) => reviewHtml(r, false)).join('\n')}` : ''}
</main></body></html>`
}

/** The page shown for unknown, unpublished or hidden things. */
export function renderNotFoundPage(): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Not found</title><meta name="robots" content="noindex"><style>${STYLE}</style></head>
<body><main><h1>Not found</h1><p class="muted">This page does not exist, or is not public.</p><p><a href="/">Find shops nearby</a></p></main></body></html>`
}
