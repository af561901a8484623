import { api } from './api'
import type { components } from './api-types.gen'
import { categoryName } from './i18n'

type Term = components['schemas']['InterestVocabulary']['data'][number]

let terms: Promise<Term[]> | undefined
let byTag = new Map<string, Term>()

/** The interest vocabulary (GET /v1/interests), read once per page; later calls share the answer. */
export function loadInterests(): Promise<Term[]> {
  terms ??= api<components['schemas']['InterestVocabulary']>('/v1/interests').then(
    (v) => ((byTag = new Map(v.data.map((term) => [term.tag, term]))), v.data),
    (err: unknown) => ((terms = undefined), Promise.reject(err)),
  )
  return terms
}

/**
 * An interest's name in the interface language (as categories are named), once loadInterests has
 * answered; a tag outside the vocabulary is shown as it is.
 */
export function interestName(tag: string): string {
  const term = byTag.get(tag)
  return term ? categoryName({ slug: tag, ...term }) : tag
}
