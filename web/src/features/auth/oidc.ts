import type { TokenPair } from '../../api/tokens'
import type { OidcConfig } from '../../api/types'
import { exchangeProviderToken } from './api'

/** Kept in sessionStorage between leaving for the provider and coming back to /auth/callback. */
interface PendingSsoLogin {
  state: string
  verifier: string
  next: string
}

export type SsoFailure = 'provider_error' | 'state_mismatch' | 'token_request_failed'

export class SsoLoginError extends Error {
  readonly reason: SsoFailure

  constructor(reason: SsoFailure, detail: string) {
    super(detail)
    this.name = 'SsoLoginError'
    this.reason = reason
  }
}

const PENDING_KEY = 'zt.sso.pending'
export const SSO_CALLBACK_PATH = '/auth/callback'

function ssoRedirectUri(): string {
  return `${window.location.origin}${SSO_CALLBACK_PATH}`
}

function base64Url(bytes: Uint8Array): string {
  let binary = ''
  bytes.forEach((byte) => (binary += String.fromCharCode(byte)))
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

function randomUrlSafeString(byteCount = 32): string {
  return base64Url(crypto.getRandomValues(new Uint8Array(byteCount)))
}

/** RFC 7636 S256 code challenge for a PKCE code verifier. */
export async function pkceChallenge(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))
  return base64Url(new Uint8Array(digest))
}

/** Remembers a new login attempt and returns the provider URL to send the browser to. */
export async function beginSsoLogin(config: OidcConfig, next: string): Promise<string> {
  const pending: PendingSsoLogin = { state: randomUrlSafeString(), verifier: randomUrlSafeString(48), next }
  sessionStorage.setItem(PENDING_KEY, JSON.stringify(pending))
  const url = new URL(config.authorization_endpoint)
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: config.client_id,
    redirect_uri: ssoRedirectUri(),
    scope: config.scopes.join(' '),
    state: pending.state,
    code_challenge: await pkceChallenge(pending.verifier),
    code_challenge_method: 'S256',
  }).toString()
  return url.toString()
}

function takePendingLogin(): PendingSsoLogin | null {
  const raw = sessionStorage.getItem(PENDING_KEY)
  sessionStorage.removeItem(PENDING_KEY)
  if (!raw) return null
  try {
    return JSON.parse(raw) as PendingSsoLogin
  } catch {
    return null
  }
}

/**
 * Handles the provider's redirect back: checks `state`, redeems the code with the PKCE verifier
 * at the provider, then trades the provider's token for a Zhongtai session.
 */
export async function completeSsoLogin(
  callbackParams: URLSearchParams,
  config: OidcConfig,
): Promise<{ tokens: TokenPair; next: string }> {
  const pending = takePendingLogin()
  const providerError = callbackParams.get('error')
  if (providerError) {
    throw new SsoLoginError('provider_error', callbackParams.get('error_description') ?? providerError)
  }
  const code = callbackParams.get('code')
  if (!pending || !code || callbackParams.get('state') !== pending.state) {
    throw new SsoLoginError('state_mismatch', 'The login response does not match a login started here.')
  }

  const response = await globalThis.fetch(config.token_endpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: ssoRedirectUri(),
      client_id: config.client_id,
      code_verifier: pending.verifier,
    }),
  })
  if (!response.ok) {
    throw new SsoLoginError('token_request_failed', `The provider answered ${response.status}.`)
  }
  const providerTokens = (await response.json()) as { id_token?: string; access_token?: string }
  const body = providerTokens.id_token
    ? { id_token: providerTokens.id_token }
    : { access_token: providerTokens.access_token ?? '' }
  return { tokens: await exchangeProviderToken(body), next: pending.next }
}
