export interface CategoryTable {
  slug: string
  name: string
  /** Chinese display name (migration 0014); null until someone writes one. */
  name_zh: string | null
  position: number
}
