import type { Transaction } from 'kysely'
import type { AppDeps } from '../context'
import type { Database } from '../db/database'
import { ValidationError } from '../errors'
import * as jobs from '../jobs/jobs.repository'
import { chargeStep, money, platformFee } from '../money'
import { checkCustomShares, equalShares, feeParts } from './share-amounts'
import * as splits from './splits.repository'

export type SplitRequest = { shares: number } | { amounts_cents: number[] }

/** The job kind that expires a split order at its deadline (src/splits/expire-split.ts). */
export const SPLIT_DEADLINE_JOB = 'split-deadline'

/** Split orders are card orders: each share is its own PaymentIntent. */
export function checkSplitRequest(paymentMethod: 'stripe' | 'cash'): void {
  if (paymentMethod !== 'stripe') {
    throw new ValidationError('a split order is paid by card, one share each', [{ path: 'split', message: 'needs payment_method "stripe"' }])
  }
}

/** 32 random bytes as base64url: the invite link's secret. */
export function newInviteToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32))
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

/**
 * Inside the order's own transaction: its shares (the organiser holds share 0), the deadline and
 * the durable job that expires it then. Amounts that do not add up, or a share below one minor
 * unit, are a ValidationError naming `split`.
 */
export async function createSplit(
  trx: Transaction<Database>,
  deps: AppDeps,
  input: { orderId: string; organiserId: string; totalCents: number; currency: string; split: SplitRequest },
): Promise<void> {
  const { orderId, totalCents, split } = input
  // KWD and the other three-decimal currencies are charged in multiples of 10 fils: so is every share.
  const step = chargeStep(input.currency)
  let amounts: number[]
  if ('shares' in split) {
    amounts = equalShares(totalCents, split.shares, step)
    if (amounts.some((a) => a < 1)) {
      throw new ValidationError(`${totalCents} minor units cannot be split ${split.shares} ways`, [{ path: 'split.shares', message: `must be at most ${totalCents} for this order` }])
    }
  } else {
    amounts = split.amounts_cents
    const problem = checkCustomShares(totalCents, amounts, step)
    if (problem) throw new ValidationError(`split.amounts_cents ${problem}`, [{ path: 'split.amounts_cents', message: problem }])
  }
  const fees = feeParts(platformFee(money(totalCents, input.currency), deps.config.PLATFORM_FEE_BPS).amountMinor, amounts, step)
  const deadline = new Date(deps.now().getTime() + deps.config.SPLIT_DEADLINE_MINUTES * 60_000)
  await splits.insertSplit(trx, { order_id: orderId, share_count: amounts.length, deadline_at: deadline })
  await splits.insertShares(
    trx,
    amounts.map((amount, position) => ({
      order_id: orderId,
      position,
      amount_cents: amount,
      platform_fee_cents: fees[position] as number,
      invite_token: newInviteToken(),
      payer_user_id: position === 0 ? input.organiserId : null,
      status: position === 0 ? 'claimed' : 'open',
    })),
  )
  await jobs.insertJob(trx, { kind: SPLIT_DEADLINE_JOB, runAt: deadline, payload: { order_id: orderId }, dedupeKey: `split-deadline:${orderId}` })
}
