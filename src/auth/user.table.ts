import type { ColumnType, Generated, Selectable } from 'kysely'

export type Role = 'consumer' | 'merchant'

export interface UserTable {
  id: Generated<string>
  email: string
  name: string
  role: Role
  password_hash: string
  /** Access tokens carry it; bumping it revokes every token issued before. */
  token_version: Generated<number>
  /** Sign-in attempts since the last success; drives the exponential lockout. */
  failed_logins: Generated<number>
  login_locked_until: Date | null
  /** Off: recommendations ignore this account's history (see src/recommendations). */
  personalisation: Generated<boolean>
  /** Signals before this moment no longer shape recommendations (DELETE /v1/me/history). */
  history_cleared_at: Date | null
  created_at: ColumnType<Date, never, never>
}

export type UserRow = Selectable<UserTable>
