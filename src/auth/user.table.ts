import type { ColumnType, Generated, Selectable } from 'kysely'

export type Role = 'consumer' | 'merchant'

export interface UserTable {
  id: Generated<string>
  email: string
  name: string
  role: Role
  password_hash: string
  created_at: ColumnType<Date, never, never>
}

export type UserRow = Selectable<UserTable>
