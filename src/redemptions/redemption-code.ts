/** 32 symbols that read aloud unambiguously: digits 2–9 and letters without I and O. */
export const CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ'
const LENGTH = 10

/**
 * A fresh redemption code: 10 symbols × 5 bits = 50 bits from crypto.getRandomValues, stored
 * without the dash. 32 divides 256, so taking each byte mod 32 adds no bias.
 * @example newRedemptionCode() // 'K7QX3M9PRT'
 */
export function newRedemptionCode(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(LENGTH))
  let code = ''
  for (const b of bytes) code += CODE_ALPHABET[b % 32]
  return code
}

/**
 * How people see a code: two groups of five.
 * @example formatRedemptionCode('K7QX3M9PRT') // 'K7QX3-M9PRT'
 */
export function formatRedemptionCode(code: string): string {
  return `${code.slice(0, 5)}-${code.slice(5)}`
}

/**
 * Reads a code as typed: any letter case, with or without the dash or spaces; undefined when it
 * cannot be a code at all.
 * @example parseRedemptionCode('k7qx3 m9prt') // 'K7QX3M9PRT'
 */
export function parseRedemptionCode(input: string): string | undefined {
  const code = input.toUpperCase().replace(/[\s-]/g, '')
  if (code.length !== LENGTH) return undefined
  for (const ch of code) if (!CODE_ALPHABET.includes(ch)) return undefined
  return code
}
