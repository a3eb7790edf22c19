/** One event of a text/event-stream (https://html.spec.whatwg.org/multipage/server-sent-events.html). */
export interface ServerSentEvent {
  event: string
  data: string
  id?: string
}

/**
 * A parser fed with the stream's text as it arrives, in chunks cut anywhere; it calls `onEvent`
 * for each complete event. Comments (keep-alives) are skipped.
 */
export function eventStreamParser(onEvent: (event: ServerSentEvent) => void): (chunk: string) => void {
  let buffer = ''
  return (chunk) => {
    buffer = (buffer + chunk).replace(/\r\n?/g, '\n')
    let end = buffer.indexOf('\n\n')
    while (end >= 0) {
      const block = buffer.slice(0, end)
      buffer = buffer.slice(end + 2)
      const event = parseBlock(block)
      if (event) onEvent(event)
      end = buffer.indexOf('\n\n')
    }
  }
}

function parseBlock(block: string): ServerSentEvent | undefined {
  let event = 'message'
  let id: string | undefined
  const data: string[] = []
  for (const line of block.split('\n')) {
    if (line === '' || line.startsWith(':')) continue
    const colon = line.indexOf(':')
    const field = colon < 0 ? line : line.slice(0, colon)
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '')
    if (field === 'event') event = value
    else if (field === 'data') data.push(value)
    else if (field === 'id') id = value
  }
  return data.length ? { event, data: data.join('\n'), id } : undefined
}

/** Reads a response body of Server-Sent Events to its end, calling `onEvent` for each. */
export async function readEventStream(body: ReadableStream<Uint8Array>, onEvent: (event: ServerSentEvent) => void) {
  const feed = eventStreamParser(onEvent)
  const decoder = new TextDecoder()
  const reader = body.getReader()
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    feed(decoder.decode(value, { stream: true }))
  }
  feed(decoder.decode())
}
