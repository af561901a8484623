import { h } from '../dom'
import { formatNumber, t } from '../i18n'
import { starsView } from './stars'
import { RATINGS, type RatingSummary } from './types'

/**
 * The rating summary: the average (large), the count, and one bar per star count. The bars are
 * a list a screen reader reads as "5 stars: 12 reviews".
 */
export function ratingHistogram(summary: Partial<RatingSummary>): HTMLElement {
  const count = summary.review_count ?? 0
  const counts = summary.rating_counts
  if (!count || !counts) return h('div', { class: 'histogram empty' }, h('p', { class: 'muted' }, t('reviews.noneYet')))
  const avg = Number(summary.rating_avg ?? 0)
  const most = Math.max(1, ...RATINGS.map((r) => counts[`${r}`] ?? 0))
  return h(
    'div',
    { class: 'histogram' },
    h('div', { class: 'rating-big' }, h('span', { class: 'rating-number' }, formatNumber(avg, { minimumFractionDigits: 1, maximumFractionDigits: 1 })), starsView(avg), h('span', { class: 'muted' }, t('reviews.count', { count }))),
    h(
      'ul',
      { class: 'bars', 'aria-label': t('reviews.byStars') },
      ...RATINGS.map((r) => {
        const n = counts[`${r}`] ?? 0
        return h(
          'li',
          { 'data-stars': r, 'aria-label': t('reviews.starsCount', { stars: r, count: n }) },
          h('span', { 'aria-hidden': 'true' }, `${r}★`),
          h('span', { class: 'bar', 'aria-hidden': 'true' }, h('span', { style: `width:${((n / most) * 100).toFixed(1)}%` })),
          h('span', { class: 'bar-count', 'aria-hidden': 'true' }, String(n)),
        )
      }),
    ),
  )
}
