/** One request the code under test sent. */
export interface MockCall {
  method: string
  path: string
  query: URLSearchParams
  body: unknown
  authorization: string | null
}

export interface MockReply {
  status?: number
  body?: unknown
  /** A text/event-stream body instead of JSON, e.g. "event: log\ndata: {...}\n\n". */
  eventStream?: string
}

type Route = MockReply | ((call: MockCall) => MockReply | Promise<MockReply>)

/** JSON-serialisable response bodies, keyed "METHOD /path/" (path without query). */
export type MockRoutes = Record<string, Route>

function reply({ status = 200, body, eventStream }: MockReply): Response {
  if (status === 204) return new Response(null, { status })
  return eventStream === undefined
    ? new Response(JSON.stringify(body ?? {}), { status, headers: { 'Content-Type': 'application/json' } })
    : new Response(eventStream, { status, headers: { 'Content-Type': 'text/event-stream' } })
}

async function readBody(request: Request): Promise<unknown> {
  const text = await request.text()
  if (!text) return undefined
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

/**
 * Replaces fetch with a fake API server answering from `routes`. Unknown endpoints answer 404
 * in the API's error shape. Routes can be added or replaced later with `on`.
 */
export function mockApi(routes: MockRoutes = {}) {
  const table: MockRoutes = { ...routes }
  const calls: MockCall[] = []
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(new URL(String(input), window.location.origin), init)
    const url = new URL(request.url)
    const call: MockCall = {
      method: request.method,
      path: url.pathname,
      query: url.searchParams,
      body: await readBody(request),
      authorization: request.headers.get('Authorization'),
    }
    calls.push(call)
    const route = table[`${call.method} ${call.path}`]
    if (!route) return reply({ status: 404, body: { error: { code: 'not_found', message: `No mock for ${call.method} ${call.path}`, details: {} } } })
    return reply(typeof route === 'function' ? await route(call) : route)
  })
  vi.stubGlobal('fetch', fetchMock)
  return {
    calls,
    callsTo: (key: string) => calls.filter((call) => `${call.method} ${call.path}` === key),
    on: (key: string, route: Route) => {
      table[key] = route
    },
  }
}

export function validationError(details: Record<string, string[]>, message = 'Invalid input.'): MockReply {
  return { status: 400, body: { error: { code: 'invalid', message, details } } }
}
