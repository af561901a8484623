import { ZxcvbnFactory } from '@zxcvbn-ts/core'
import * as common from '@zxcvbn-ts/language-common'
import { translations } from '@zxcvbn-ts/language-en'

/** zxcvbn score a new password needs (0–4): 3 = "safely unguessable", ~10^8 guesses. */
export const MIN_PASSWORD_SCORE = 3
// zxcvbn's matching grows faster than linearly with length; past this the rest adds only strength.
const CHECKED_LENGTH = 64

let factory: ZxcvbnFactory | undefined

// Built on first use (~0.1 s): the common-password, name and keyboard-pattern lists.
function estimator(): ZxcvbnFactory {
  factory ??= new ZxcvbnFactory({ dictionary: common.dictionary, graphs: common.adjacencyGraphs, translations })
  return factory
}

/**
 * Why `password` is too easy to guess, in words for the person choosing it, or null when it is
 * strong enough. `related` (email, name) counts as known to an attacker.
 * @example weakPasswordReason('password12', []) // 'is too easy to guess: This is a commonly used password. …'
 */
export function weakPasswordReason(password: string, related: string[]): string | null {
  const userInputs = related.flatMap((text) => [text, ...text.toLowerCase().split(/[^\p{L}\p{N}]+/u)]).filter((w) => w.length >= 3)
  const result = estimator().check(password.slice(0, CHECKED_LENGTH), userInputs)
  if (result.score >= MIN_PASSWORD_SCORE) return null
  const hints = [result.feedback.warning, ...result.feedback.suggestions].filter((s): s is string => Boolean(s))
  const advice = hints.length ? hints.join(' ') : 'Add another word or two that are not a common phrase.'
  return `is too easy to guess: ${advice}`
}
