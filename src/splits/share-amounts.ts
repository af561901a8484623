/** Share 0 is the organiser's; every amount is in integer minor units of the order's currency. */

/**
 * `totalCents` in `count` shares that differ by at most one minor unit; the organiser's share
 * (index 0) takes the remainder, so it is the larger one when the total does not divide evenly.
 * @example equalShares(1000, 3) // [334, 333, 333]
 */
export function equalShares(totalCents: number, count: number): number[] {
  if (!Number.isSafeInteger(totalCents) || totalCents < 0) throw new RangeError('totalCents must be a non-negative integer')
  if (!Number.isInteger(count) || count < 1) throw new RangeError('count must be a positive integer')
  const base = Math.floor(totalCents / count)
  const remainder = totalCents - base * count
  // The remainder is less than `count`: spread one unit each over the first shares, organiser first.
  return Array.from({ length: count }, (_, i) => base + (i < remainder ? 1 : 0))
}

/** Why custom amounts cannot split `totalCents`, or null when they can. */
export function checkCustomShares(totalCents: number, amounts: readonly number[]): string | null {
  const sum = amounts.reduce((a, b) => a + b, 0)
  if (sum !== totalCents) return `must add up to the order total of ${totalCents} (they add up to ${sum})`
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
export function feeParts(feeCents: number, shares: readonly number[]): number[] {
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
