// IANA names are letters, digits, `_`, `+`, `-` in `/`-separated parts; this keeps out offset
// strings such as "+08:00" that newer Intl versions would also accept.
const ZONE_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)*$/

/**
 * The canonical spelling of an IANA time zone this runtime knows, or undefined.
 * @example canonicalTimeZone('asia/shanghai') // 'Asia/Shanghai'; canonicalTimeZone('Mars/Base') // undefined
 */
export function canonicalTimeZone(name: string): string | undefined {
  if (name.length > 64 || !ZONE_NAME.test(name)) return undefined
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone
  } catch {
    return undefined
  }
}
