import type { OidcConfig } from '../../api/types'
import { mockApi } from '../../test/mockApi'
import { beginSsoLogin, completeSsoLogin, pkceChallenge, SsoLoginError } from './oidc'

const config: OidcConfig = {
  enabled: true,
  issuer: 'https://id.example.com/realms/zt',
  client_id: 'zhongtai-portal',
  authorization_endpoint: 'https://id.example.com/auth',
  token_endpoint: 'https://id.example.com/token',
  end_session_endpoint: '',
  scopes: ['openid', 'email', 'profile'],
}

describe('SSO with PKCE', () => {
  it('computes the S256 code challenge of RFC 7636 (base64url of SHA-256, unpadded)', async () => {
    // Expected value from node: createHash('sha256').update(verifier).digest('base64url')
    expect(await pkceChallenge('dBjftJeZ4CVP-mJ92K9qVhd3l1X94gAm3KXGA0Lh-3E')).toBe(
      'dCKw0Wl-Qt9egiPYvL0lY1ctHVgqo2beezPrsPRnYn0',
    )
  })

  it('sends the browser to the provider with a PKCE challenge and state', async () => {
    const url = new URL(await beginSsoLogin(config, '/projects'))

    expect(url.origin + url.pathname).toBe('https://id.example.com/auth')
    expect(url.searchParams.get('response_type')).toBe('code')
    expect(url.searchParams.get('client_id')).toBe('zhongtai-portal')
    expect(url.searchParams.get('redirect_uri')).toBe(`${window.location.origin}/auth/callback`)
    expect(url.searchParams.get('scope')).toBe('openid email profile')
    expect(url.searchParams.get('code_challenge_method')).toBe('S256')
    expect(url.searchParams.get('state')).toMatch(/^[\w-]{20,}$/)
  })

  it('redeems the code with the verifier and trades the id token for a session', async () => {
    const url = new URL(await beginSsoLogin(config, '/projects'))
    const state = url.searchParams.get('state')!
    const challenge = url.searchParams.get('code_challenge')!
    let sentVerifier = ''
    const server = mockApi({
      'POST /api/v1/auth/oidc/exchange/': { body: { access: 'a', refresh: 'r' } },
    })
    const apiFetch = globalThis.fetch
    vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
      if (String(input) !== config.token_endpoint) return apiFetch(input, init)
      const form = new URLSearchParams(String(init?.body))
      sentVerifier = form.get('code_verifier') ?? ''
      expect(form.get('code')).toBe('the-code')
      expect(form.get('grant_type')).toBe('authorization_code')
      return new Response(JSON.stringify({ id_token: 'provider-id-token', access_token: 'provider-access' }))
    })

    const result = await completeSsoLogin(new URLSearchParams({ code: 'the-code', state }), config)

    expect(await pkceChallenge(sentVerifier)).toBe(challenge)
    expect(server.callsTo('POST /api/v1/auth/oidc/exchange/')[0]?.body).toEqual({ id_token: 'provider-id-token' })
    expect(result).toEqual({ tokens: { access: 'a', refresh: 'r' }, next: '/projects' })
  })

  it('refuses a response whose state was not issued here', async () => {
    await beginSsoLogin(config, '/')

    const attempt = completeSsoLogin(new URLSearchParams({ code: 'c', state: 'forged' }), config)

    await expect(attempt).rejects.toBeInstanceOf(SsoLoginError)
    await expect(attempt).rejects.toMatchObject({ reason: 'state_mismatch' })
  })

  it('reports an error the provider sent back', async () => {
    await beginSsoLogin(config, '/')

    const attempt = completeSsoLogin(new URLSearchParams({ error: 'access_denied', error_description: 'User cancelled' }), config)

    await expect(attempt).rejects.toMatchObject({ reason: 'provider_error', message: 'User cancelled' })
  })
})
