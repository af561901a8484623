import Stripe from 'stripe'
import type { Config } from '../config'
import { BadRequestError, NotImplementedError, UpstreamError } from '../errors'
import type { CardPaymentProvider } from './provider'

const webCrypto = Stripe.createSubtleCryptoProvider()

/** SDK options that point it at STRIPE_API_BASE (a local fake or stripe-mock) through its own settings. */
function hostOptions(apiBase: string | undefined): Stripe.StripeConfig {
  if (!apiBase) return {}
  const url = new URL(apiBase)
  const protocol = url.protocol === 'http:' ? 'http' : 'https'
  return { host: url.hostname, port: url.port || (protocol === 'http' ? 80 : 443), protocol }
}

async function upstream<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call()
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err)
    throw new UpstreamError(`card payments are unavailable right now (${what}: ${detail})`, 'payment_provider_failed')
  }
}

/**
 * Card payments through the official Stripe SDK, with destination charges to storefronts'
 * connected accounts. Every mutating call carries an idempotency key derived from the order.
 */
export function createStripeProvider(config: Config, secretKey: string): CardPaymentProvider {
  const stripe = new Stripe(secretKey, { maxNetworkRetries: 2, ...hostOptions(config.STRIPE_API_BASE) })
  return {
    name: 'stripe',
    async startPayment(req) {
      const destination = req.destinationAccountId
      const intent = await upstream('create payment intent', () =>
        stripe.paymentIntents.create(
          {
            amount: req.amountCents,
            currency: req.currency.toLowerCase(),
            metadata: { order_id: req.orderId },
            automatic_payment_methods: { enabled: true },
            ...(destination ? { transfer_data: { destination }, application_fee_amount: req.platformFeeCents } : {}),
          },
          { idempotencyKey: `order-${req.orderId}-payment-intent` },
        ),
      )
      return { paymentIntentId: intent.id, clientSecret: intent.client_secret ?? null }
    },
    async refund(req) {
      await upstream('refund', () =>
        stripe.refunds.create(
          {
            payment_intent: req.paymentIntentId,
            metadata: { order_id: req.orderId },
            ...(req.destinationCharge ? { reverse_transfer: true, refund_application_fee: true } : {}),
          },
          { idempotencyKey: `order-${req.orderId}-refund` },
        ),
      )
    },
    async cancelPayment(req) {
      await upstream('cancel payment intent', () =>
        stripe.paymentIntents.cancel(req.paymentIntentId, {}, { idempotencyKey: `order-${req.orderId}-cancel` }),
      )
    },
    async authoriseShare(req) {
      const destination = req.destinationAccountId
      const intent = await upstream('create share payment intent', () =>
        stripe.paymentIntents.create(
          {
            amount: req.amountCents,
            currency: req.currency.toLowerCase(),
            capture_method: 'manual',
            metadata: { order_id: req.orderId, share_id: req.shareId },
            automatic_payment_methods: { enabled: true },
            ...(destination ? { transfer_data: { destination }, application_fee_amount: req.platformFeeCents } : {}),
          },
          { idempotencyKey: `share-${req.shareId}-payment-intent` },
        ),
      )
      return { paymentIntentId: intent.id, clientSecret: intent.client_secret ?? null }
    },
    async captureShare(req) {
      await upstream('capture share', () => stripe.paymentIntents.capture(req.paymentIntentId, {}, { idempotencyKey: `share-${req.shareId}-capture` }))
    },
    async cancelShare(req) {
      await upstream('cancel share', () => stripe.paymentIntents.cancel(req.paymentIntentId, {}, { idempotencyKey: `share-${req.shareId}-cancel` }))
    },
    async verifyWebhook(rawBody, signature) {
      const secret = config.STRIPE_WEBHOOK_SECRET
      if (!secret) throw new NotImplementedError('STRIPE_WEBHOOK_SECRET is not configured', 'webhooks_not_configured')
      if (!signature) throw new BadRequestError('Stripe-Signature header is missing', 'invalid_signature')
      try {
        // Web Crypto on both runtimes: Workers have no node:crypto HMAC.
        return await stripe.webhooks.constructEventAsync(rawBody, signature, secret, undefined, webCrypto)
      } catch {
        throw new BadRequestError('Stripe-Signature does not match this payload, or is too old', 'invalid_signature')
      }
    },
    async createPayoutAccount(merchantId) {
      const account = await upstream('create account', () =>
        stripe.accounts.create(
          { type: 'express', metadata: { merchant_id: merchantId } },
          { idempotencyKey: `merchant-${merchantId}-payout-account` },
        ),
      )
      return account.id
    },
    async createOnboardingLink(accountId) {
      const link = await upstream('create account link', () =>
        stripe.accountLinks.create({
          account: accountId,
          refresh_url: config.PAYOUTS_REFRESH_URL,
          return_url: config.PAYOUTS_RETURN_URL,
          type: 'account_onboarding',
        }),
      )
      return link.url
    },
  }
}
