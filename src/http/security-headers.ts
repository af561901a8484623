import type { MiddlewareHandler } from 'hono'
import { secureHeaders } from 'hono/secure-headers'
import type { Config } from '../config'

// Stripe.js and its Payment Element frames, as Stripe documents for a Content-Security-Policy.
const STRIPE_SCRIPTS = ['https://js.stripe.com', 'https://*.js.stripe.com']
const STRIPE_FRAMES = [...STRIPE_SCRIPTS, 'https://hooks.stripe.com']
const STRIPE_API = ['https://api.stripe.com']

/**
 * The origin map tiles come from, as a CSP source: `https://{s}.tile.example/{z}/…` becomes
 * `https://*.tile.example`; a relative template means our own origin.
 */
export function tileSource(mapTileUrl: string): string {
  const origin = /^https?:\/\/[^/?#]+/i.exec(mapTileUrl)?.[0]
  return origin ? origin.replace(/\{s\}/g, '*') : "'self'"
}

/**
 * The Content-Security-Policy directives for this deployment: our own scripts only, inline styles
 * (Leaflet positions map panes with style attributes), tiles from MAP_TILE_URL's origin, Stripe
 * only when card payments are configured, and no framing by anyone.
 */
export function contentSecurityPolicy(config: Pick<Config, 'MAP_TILE_URL' | 'STRIPE_PUBLISHABLE_KEY'>) {
  const cards = Boolean(config.STRIPE_PUBLISHABLE_KEY)
  return {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'", ...(cards ? STRIPE_SCRIPTS : [])],
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:', 'blob:', tileSource(config.MAP_TILE_URL), ...(cards ? ['https://*.stripe.com'] : [])],
    connectSrc: ["'self'", ...(cards ? STRIPE_API : [])],
    frameSrc: cards ? STRIPE_FRAMES : ["'none'"],
    fontSrc: ["'self'", 'data:'],
    objectSrc: ["'none'"],
    baseUri: ["'none'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  }
}

/**
 * Security headers on every response: the CSP above, `X-Frame-Options: DENY`, `nosniff`, and a
 * referrer policy that still sends the origin to tile servers (OpenStreetMap's policy asks for it).
 */
export function securityHeaders(config: Config): MiddlewareHandler {
  return secureHeaders({
    contentSecurityPolicy: contentSecurityPolicy(config),
    xFrameOptions: 'DENY',
    referrerPolicy: 'strict-origin-when-cross-origin',
    // Stripe's payment flows may open a window (3-D Secure, wallets) that must keep its opener.
    crossOriginOpenerPolicy: 'same-origin-allow-popups',
  })
}
