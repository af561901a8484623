import type { PaymentProvider } from './provider'

/** Pay in the store: nothing to start online, nothing to give back online. The embedded default. */
export const cashProvider: PaymentProvider = {
  name: 'cash',
  async startPayment() {
    return { paymentIntentId: null, clientSecret: null }
  },
  async refund() {
    // Cash changes hands at the counter; a cash order is cancelled before any money moved.
  },
  async cancelPayment() {},
}
