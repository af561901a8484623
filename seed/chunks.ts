const BATCH = 200

/** `items` in batches small enough for one multi-row INSERT. */
export function chunks<T>(items: readonly T[], size = BATCH): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}
