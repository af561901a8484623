import type Stripe from 'stripe'
import type { Config } from '../config'
import type { PaymentMethod } from '../orders/order.table'
import { cashProvider } from './cash-provider'
import { createStripeProvider } from './stripe-provider'

/** What a provider needs to start collecting an order's money. */
export interface ChargeRequest {
  orderId: string
  amountCents: number
  /** ISO 4217, upper case as stored. */
  currency: string
  platformFeeCents: number
  /** The storefront's connected account when it can take destination charges, else null. */
  destinationAccountId: string | null
}

export interface PaymentStart {
  paymentIntentId: string | null
  clientSecret: string | null
}

export interface RefundRequest {
  orderId: string
  paymentIntentId: string
  /** The payment was a destination charge: pull the transfer and the platform fee back too. */
  destinationCharge: boolean
}

/** One way of taking an order's money; every call is idempotent per order. */
export interface PaymentProvider {
  readonly name: PaymentMethod
  /** Starts collecting the order's total (for card payments: one PaymentIntent per order). */
  startPayment(request: ChargeRequest): Promise<PaymentStart>
  /** Gives a settled payment back in full. */
  refund(request: RefundRequest): Promise<void>
  /** Stops an unpaid order's payment from being completed later. */
  cancelPayment(request: { orderId: string; paymentIntentId: string }): Promise<void>
}

/** A card provider also verifies its webhooks and onboards storefronts for payouts. */
export interface CardPaymentProvider extends PaymentProvider {
  /** The verified event; BadRequestError when the signature is missing, forged or stale. */
  verifyWebhook(rawBody: string, signature: string | undefined): Promise<Stripe.Event>
  /**
   * Authorises one share of a split order (capture_method manual, its own idempotency key,
   * metadata order_id/share_id); with a connected account, the share carries its part of the fee.
   */
  authoriseShare(request: ChargeRequest & { shareId: string }): Promise<PaymentStart>
  /** Captures an authorised share (idempotent per share). */
  captureShare(request: { shareId: string; paymentIntentId: string }): Promise<void>
  /** Cancels a share's authorisation (idempotent per share). */
  cancelShare(request: { shareId: string; paymentIntentId: string }): Promise<void>
  /** Creates the storefront's Express account (once per storefront, by idempotency key). */
  createPayoutAccount(merchantId: string): Promise<string>
  /** A one-time onboarding link for the account. */
  createOnboardingLink(accountId: string): Promise<string>
}

/** The providers this deployment offers: cash always, cards when Stripe is configured. */
export interface PaymentProviders {
  cash: PaymentProvider
  stripe: CardPaymentProvider | null
}

/**
 * Builds the providers from config: Stripe only when STRIPE_SECRET_KEY is set.
 * @example const payments = createPaymentProviders(parseConfig(process.env))
 */
export function createPaymentProviders(config: Config): PaymentProviders {
  return { cash: cashProvider, stripe: config.STRIPE_SECRET_KEY ? createStripeProvider(config, config.STRIPE_SECRET_KEY) : null }
}
