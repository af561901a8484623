/** What other features may use from offerings: reads, the owner check and the public shape. */
export * as offeringsRepository from './offerings.repository'
export { findOwnedOffering, toOffering } from './offerings.service'
export type { OfferingKind, OfferingRow } from './offering.table'
export type { Offering } from './offerings.schemas'
