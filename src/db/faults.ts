import { ServiceUnavailableError } from '../errors'

// SQLSTATEs after which the connection is gone: admin_shutdown, crash_shutdown, cannot_connect_now,
// too_many_connections, idle_in_transaction_session_timeout. Class 08 (connection exception) too.
const LOST_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300', '25P03'])
const LOST_SOCKET_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ECONNABORTED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN'])
// node-postgres reports a dead or unreachable socket with these messages and no code.
const LOST_MESSAGE = /^Connection terminated|is not queryable|^connect ECONNREFUSED/

/**
 * Recognises a database failure that is not the request's fault — a lost or refused connection,
 * a statement or lock timeout, an exhausted pool — and turns it into a 503 the client may retry.
 * Anything else (constraint violations, bugs) returns undefined and keeps its usual handling.
 * @example const unavailable = databaseFault(err); if (unavailable) throw unavailable
 */
export function databaseFault(err: unknown): ServiceUnavailableError | undefined {
  if (!(err instanceof Error)) return undefined
  const raw = (err as { code?: unknown }).code
  const code = typeof raw === 'string' ? raw : ''
  if (code === '57014') {
    return new ServiceUnavailableError('The database took too long to answer; the request was cancelled.', 'database_timeout', 5)
  }
  if (code === '55P03') {
    return new ServiceUnavailableError('The data this request needs is locked by other work; try again shortly.', 'database_busy', 2)
  }
  if (err.message === 'timeout exceeded when trying to connect') {
    return new ServiceUnavailableError('Every database connection is busy; try again shortly.', 'database_busy', 2)
  }
  if (LOST_SQLSTATES.has(code) || code.startsWith('08') || LOST_SOCKET_CODES.has(code) || LOST_MESSAGE.test(err.message)) {
    return new ServiceUnavailableError('The database connection was lost; the request may not have completed.', 'database_unavailable', 1)
  }
  return undefined
}
