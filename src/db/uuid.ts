const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** Whether `text` is shaped like a uuid, so lookups by a malformed id find nothing instead of failing. */
export function isUuid(text: string): boolean {
  return UUID.test(text)
}
