/** One Server-Sent Event as a client sees it. */
export interface SseEvent {
  id?: string
  event?: string
  // biome-ignore lint: tests read arbitrary event payloads
  data: any
}

/**
 * Reads an SSE response: `connected()` resolves once the server's `: connected` comment arrives
 * (it subscribes before writing it, so events raised after that are never missed); `next(match)`
 * resolves with the first event (after those already read) that `match` accepts, or rejects after
 * `timeoutMs`; `close()` cancels the stream.
 */
export function readSse(res: Response) {
  const reader = (res.body as ReadableStream<Uint8Array>).getReader()
  const decoder = new TextDecoder()
  const queue: SseEvent[] = []
  let buffer = ''
  let isConnected = false
  const parse = () => {
    for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
      const block = buffer.slice(0, end)
      buffer = buffer.slice(end + 2)
      const event: SseEvent = { data: undefined }
      const data: string[] = []
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) {
          if (line.trim() === ': connected') isConnected = true
          continue
        }
        const [field, ...rest] = line.split(':')
        const value = rest.join(':').replace(/^ /, '')
        if (field === 'id') event.id = value
        else if (field === 'event') event.event = value
        else if (field === 'data') data.push(value)
      }
      if (data.length > 0) queue.push({ ...event, data: JSON.parse(data.join('\n')) })
    }
  }
  const read = async (deadline: number) => {
    const left = deadline - Date.now()
    if (left <= 0) throw new Error('no matching event in time')
    const chunk = await Promise.race([reader.read(), new Promise<null>((r) => setTimeout(() => r(null), left))])
    if (chunk === null) throw new Error('no matching event in time')
    if (chunk.done) throw new Error('stream ended')
    buffer += decoder.decode(chunk.value, { stream: true })
    parse()
  }
  return {
    async connected(timeoutMs = 10_000): Promise<void> {
      const deadline = Date.now() + timeoutMs
      while (!isConnected) await read(deadline)
    },
    async next(match: (e: SseEvent) => boolean = () => true, timeoutMs = 10_000): Promise<SseEvent> {
      const deadline = Date.now() + timeoutMs
      for (;;) {
        const i = queue.findIndex(match)
        if (i >= 0) return queue.splice(0, i + 1)[i] as SseEvent
        queue.length = 0
        await read(deadline)
      }
    },
    close: () => reader.cancel().catch(() => {}),
  }
}
