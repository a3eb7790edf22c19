import createClient from 'openapi-fetch'
import { apiErrorFromResponse, networkError } from './errors'
import type { paths } from './schema'
import { tokenStore } from './tokens'

const REFRESH_PATH = '/api/v1/auth/token/refresh/'
/** Endpoints that take no bearer token; a 401 from them is an answer, not an expired session. */
const ANONYMOUS_PATHS = ['/api/v1/auth/token/', REFRESH_PATH, '/api/v1/auth/config/', '/api/v1/auth/oidc/exchange/']

function isAnonymous(request: Request): boolean {
  return ANONYMOUS_PATHS.includes(new URL(request.url).pathname)
}

let refreshInFlight: Promise<boolean> | null = null

/**
 * Trades the refresh token for a new pair. Concurrent callers share one request, because the
 * refresh token rotates: a second request with the same token would be refused.
 * Resolves false when the session can no longer be refreshed.
 */
function refreshSession(): Promise<boolean> {
  refreshInFlight ??= requestNewTokens().finally(() => {
    refreshInFlight = null
  })
  return refreshInFlight
}

async function requestNewTokens(): Promise<boolean> {
  const refresh = tokenStore.get()?.refresh
  if (!refresh) return false
  const response = await globalThis.fetch(`${window.location.origin}${REFRESH_PATH}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ refresh }),
  })
  if (!response.ok) {
    // Another tab may have rotated the pair first; then its new tokens are already stored here.
    return tokenStore.get()?.refresh !== refresh
  }
  tokenStore.set(await response.json())
  return true
}

function sendWithToken(request: Request, access: string | undefined): Promise<Response> {
  if (access) request.headers.set('Authorization', `Bearer ${access}`)
  return globalThis.fetch(request)
}

/**
 * After a 401 to a request sent with the access token `sentWith`: the access token to retry with,
 * or undefined when the session cannot be refreshed (the tokens are then dropped).
 */
export async function renewedAccessToken(sentWith: string): Promise<string | undefined> {
  // Another request may already have refreshed the pair while this one was in flight.
  const refreshed = tokenStore.get()?.access !== sentWith || (await refreshSession())
  if (!refreshed) {
    tokenStore.clear('expired')
    return undefined
  }
  return tokenStore.get()?.access
}

/** fetch for the typed client: adds the bearer token and, on 401, refreshes once and retries. */
async function authorizedFetch(request: Request): Promise<Response> {
  const retry = request.clone()
  const sentWith = tokenStore.get()?.access
  const response = await sendWithToken(request, sentWith)
  if (response.status !== 401 || !sentWith || isAnonymous(request)) return response

  const renewed = await renewedAccessToken(sentWith)
  return renewed ? sendWithToken(retry, renewed) : response
}

/** The typed API client; paths and bodies come from the OpenAPI schema (`npm run gen:api`). */
export const api = createClient<paths>({ baseUrl: window.location.origin, fetch: authorizedFetch })

interface ClientResult<T> {
  data?: T
  error?: unknown
  response: Response
}

/** Awaits a typed client call and returns its data, or throws an ApiError. */
export async function unwrap<T>(call: Promise<ClientResult<T>>): Promise<T> {
  let result: ClientResult<T>
  try {
    result = await call
  } catch (cause) {
    throw networkError(cause)
  }
  if (!result.response.ok) throw apiErrorFromResponse(result.response.status, result.error)
  return result.data as T
}
