import type { Storefront } from '../merchants'
import type { Review } from '../reviews'

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday']

/** A review as a schema.org `Review`. */
export function reviewLd(review: Review, origin: string) {
  return {
    '@type': 'Review',
    url: `${origin}${review.share_url}`,
    author: { '@type': 'Person', name: review.author.display_name },
    datePublished: review.created_at.slice(0, 10),
    reviewBody: review.text,
    reviewRating: { '@type': 'Rating', ratingValue: review.rating, bestRating: 5, worstRating: 1 },
  }
}

/**
 * The storefront as a schema.org `LocalBusiness` with its `AggregateRating` (only once it has
 * reviews: a rating without any is invalid) and the given reviews.
 */
export function localBusinessLd(store: Storefront, reviews: Review[], origin: string, imageUrl: string | null) {
  return {
    '@context': 'https://schema.org',
    '@type': 'LocalBusiness',
    '@id': `${origin}${store.share_url}`,
    url: `${origin}${store.share_url}`,
    name: store.name,
    ...(store.description ? { description: store.description } : {}),
    ...(imageUrl ? { image: imageUrl } : {}),
    ...(store.address ? { address: { '@type': 'PostalAddress', streetAddress: store.address } } : {}),
    ...(store.phone ? { telephone: store.phone } : {}),
    geo: { '@type': 'GeoCoordinates', latitude: store.location.lat, longitude: store.location.lng },
    openingHoursSpecification: store.hours.map((s) => ({
      '@type': 'OpeningHoursSpecification',
      dayOfWeek: `https://schema.org/${DAYS[s.day]}`,
      opens: s.open,
      closes: s.close,
    })),
    ...(store.review_count > 0 && store.rating_avg !== null
      ? { aggregateRating: { '@type': 'AggregateRating', ratingValue: store.rating_avg, reviewCount: store.review_count, bestRating: 5, worstRating: 1 } }
      : {}),
    ...(reviews.length > 0 ? { review: reviews.map((r) => reviewLd(r, origin)) } : {}),
  }
}
