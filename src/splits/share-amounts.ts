/** Share 0 is the organiser's; every amount is in integer minor units of the order's currency. */

/**
 * `totalCents` in `count` shares that differ by at most one charge step (one minor unit, or 10 in
 * the three-decimal currencies, where Stripe charges only multiples of 10 — see `chargeStep`); the
 * organiser's share (index 0) takes the remainder, so it is the larger one when the total does not
 * divide evenly. A total that is not a multiple of `step` is refused (order totals already are).
 * @example equalShares(1000, 3) // [334, 333, 333]
 * @example equalShares(1000, 3, 10) // [340, 330, 330] (KWD fils)
 */
export function equalShares(totalCents: number, count: number, step = 1): number[] {
  if (!Number.isSafeInteger(totalCents) || totalCents < 0) throw new RangeError('totalCents must be a non-negative integer')
  if (!Number.isInteger(count) || count < 1) throw new RangeError('count must be a positive integer')
  if (!Number.isInteger(step) || step < 1 || totalCents % step !== 0) throw new RangeError(`totalCents must be a multiple of ${step}`)
  const units = totalCents / step
  const base = Math.floor(units / count)
  const remainder = units - base * count
  // The remainder is less than `count`: spread one step each over the first shares, organiser first.
  return Array.from({ length: count }, (_, i) => (base + (i < remainder ? 1 : 0)) * step)
}

/** Why custom amounts cannot split `totalCents` (in charge steps of `step`), or null when they can. */
export function checkCustomShares(totalCents: number, amounts: readonly number[], step = 1): string | null {
  const sum = amounts.reduce((a, b) => a + b, 0)
  if (sum !== totalCents) return `must add up to the order total of ${totalCents} (they add up to ${sum})`
  const odd = amounts.findIndex((a) => a % step !== 0)
  if (odd >= 0) return `must each be a multiple of ${step} minor units in this currency (share ${odd + 1} is ${amounts[odd]})`
  return null
}

/**
 * The platform fee carried by each share when the order pays out to a connected account,
 * proportional to the share by largest remainder: each share gets floor(fee × share / total),
 * then the units rounding left over go one each to the shares with the largest fractional parts
 * (ties: the lower index, the organiser first). The parts add up to `feeCents` exactly, and since
 * fee ≤ total no part exceeds ceil(fee × share / total) ≤ its share.
 * @example feeParts(51, [334, 333, 333]) // [17, 17, 17]
 */
export function feeParts(feeCents: number, shares: readonly number[], step = 1): number[] {
  // In a currency charged in steps of 10, the parts are shared out in whole steps (fee and shares are multiples).
  if (step !== 1 && feeCents % step === 0 && shares.every((s) => s % step === 0)) {
    return feeParts(feeCents / step, shares.map((s) => s / step)).map((p) => p * step)
  }
  const total = shares.reduce((a, b) => a + b, 0)
  if (feeCents > total) throw new RangeError('the fee cannot exceed the total')
  if (total === 0) return shares.map(() => 0)
  const fee = BigInt(feeCents)
  const big = BigInt(total)
  const parts = shares.map((s) => Number((fee * BigInt(s)) / big))
  const remainders = shares.map((s, i) => ({ i, r: (fee * BigInt(s)) % big }))
  remainders.sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1))
  let left = feeCents - parts.reduce((a, b) => a + b, 0)
  for (const { i } of remainders) {
    if (left-- <= 0) break
    parts[i] = (parts[i] as number) + 1
  }
  return parts
}
