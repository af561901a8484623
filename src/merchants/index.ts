/** What other features may use from storefronts: reads, the owner check and the public shape. */
export * as merchantsRepository from './merchants.repository'
export { assertOwner, canView, findOwnedMerchant, findVisibleMerchant, loadStorefront } from './merchants.service'
export { coverUrl, toStorefront } from './storefront'
export { readStorefront, type StorefrontRead } from './storefront-reads'
export type { MerchantRow, MerchantStatus, OpeningShift } from './merchant.table'
export type { Storefront } from './merchants.schemas'
