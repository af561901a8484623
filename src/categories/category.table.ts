export interface CategoryTable {
  slug: string
  name: string
  position: number
}
